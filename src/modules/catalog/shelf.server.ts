// What is on the shelf: a product on sale whose village is not paused. Every query
// that shows or sells a product uses this one predicate, so pausing a village takes
// all its products off every page, cart, 接龙 and quote at once (its orders and
// reports stay: they read the ledger, not the shelf).
import { and, eq, sql } from 'drizzle-orm';
import { products } from '../../../db/schema/catalog.ts';

export const onShelf = () =>
  and(eq(products.status, 'active'), sql`not exists (select 1 from villages paused where paused.id = ${products.villageId} and paused.paused_at is not null)`)!;
