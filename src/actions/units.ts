// units actions.
export const units = {};
