// What is left of the village desk's controller: the slug → village → guard helper that
// controllers/procurement.ts (the village's procurement desk) still imports. The desk's own
// pages call requireManagedVillage (modules/villages/access.server.ts) themselves; delete
// this file once the procurement pages do too.
import { requireManagedVillage } from '../modules/villages/access.server.ts';
import type { PageContext } from './types.ts';

export async function managedVillage(Astro: Pick<PageContext, 'locals' | 'params'>) {
  const db = Astro.locals.db;
  return { db, village: await requireManagedVillage(db, Astro.locals, Astro.params.slug ?? '') };
}
