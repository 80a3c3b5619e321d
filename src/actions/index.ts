// Every Astro Action, by area. Each one parses its input with a zod schema and
// makes one domain call; access is checked inside, by the require* guards.
import { account } from './account.ts';
import { admin } from './admin.ts';
import { auth } from './auth.ts';
import { cart } from './cart.ts';
import { listing } from './listing.ts';
import { manage } from './manage.ts';
import { orders } from './orders.ts';
import { group } from './group.ts';
import { procurement } from './procurement.ts';
import { reports } from './reports.ts';
import { shelf } from './shelf.ts';
import { units } from './units.ts';

export const server = { auth, account, units, admin, cart, orders, manage, reports, procurement, group, shelf, listing };
