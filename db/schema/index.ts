export * from './auth.ts';
export * from './catalog.ts';
export * from './units.ts';
export * from './cart.ts';
export * from './orders.ts';
export * from './ledger.ts';
export * from './reports.ts';
export * from './procurement.ts';
