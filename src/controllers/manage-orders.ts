// The village's order desk: the orders of one village, one order, its packing slip.
// Each page first proves the caller manages the village (requireVillageManager).
import { actions } from 'astro:actions';
import { getDb } from '../../db/client.ts';
import { requireUser } from '../modules/auth/guards.server.ts';
import { ORDER_STATUSES, type OrderStatus } from '../modules/orders/orders.ts';
import { listVillageOrders, loadVillageOrder, PAGE_SIZE } from '../modules/orders/queries.server.ts';
import { findVillageId, getManagedVillage } from '../modules/villages/manage.server.ts';
import { AccessError } from '../lib/errors.ts';
import { formState } from '../lib/form-state.ts';
import type { Locale } from '../lib/i18n.ts';
import { notFound, render, type PageContext } from './types.ts';
import { requireVillageManager } from '../modules/villages/access.server.ts';

export async function managedVillage(Astro: Pick<PageContext, "locals" | "params">) {
  requireUser(Astro.locals);
  const db = await getDb();
  const villageId = await findVillageId(db, Astro.params.slug ?? '');
  if (villageId === null) throw new AccessError(403); // same answer as "not yours": no probing for slugs
  await requireVillageManager(db, Astro.locals, villageId);
  const data = await getManagedVillage(db, villageId);
  if (!data) throw new AccessError(403);
  return { db, village: data.village };
}

export async function villageOrdersPage(Astro: PageContext, locale: Locale) {
  const { db, village } = await managedVillage(Astro);
  const wanted = Astro.url.searchParams.get('status');
  const status = (ORDER_STATUSES as readonly string[]).includes(wanted ?? '') ? (wanted as OrderStatus) : null;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(Astro.url.searchParams.get('page') ?? '1', 10) || 1));
  const list = await listVillageOrders(db, village.id, status, page);
  return render({ locale, village, status, page, pages: Math.max(1, Math.ceil(list.total / PAGE_SIZE)), ...list });
}

export async function villageOrderPage(Astro: PageContext, locale: Locale) {
  const { db, village } = await managedVillage(Astro);
  const results = [
    Astro.getActionResult(actions.manage.confirmPayment),
    Astro.getActionResult(actions.manage.ship),
    Astro.getActionResult(actions.manage.markDelivered),
    Astro.getActionResult(actions.manage.cancel),
    Astro.getActionResult(actions.manage.decideClaim),
  ];
  const order = await loadVillageOrder(db, village.id, Astro.params.number ?? '');
  if (!order) return notFound();
  return render({ locale, village, detail: order, saved: results.some((r) => r?.data), state: formState(results.find((r) => r?.error)) });
}

export async function packingSlipPage(Astro: PageContext, locale: Locale) {
  const { db, village } = await managedVillage(Astro);
  const order = await loadVillageOrder(db, village.id, Astro.params.number ?? '');
  if (!order) return notFound();
  return render({ locale, village, detail: order });
}
