// admin actions.
export const admin = {};
