export * from './auth.ts';
export * from './catalog.ts';
export * from './units.ts';
export * from './cart.ts';
