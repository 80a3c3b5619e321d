// account copy.
export const zh = {};

export const en: typeof zh = {};
