// account actions.
export const account = {};
