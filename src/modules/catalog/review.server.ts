// Review before sale. States: draft → submitted → active (on sale) ⇄ hidden (off the shelf);
// a rejection (reason required) sends a submitted product back to draft, or drops an on-sale
// product's waiting changes, the approved version staying on sale.
// - submitProduct, takeOffShelf, putBackOnShelf: a manager of the product's village (or an admin).
// - approveProduct, rejectProduct, reviewQueue, steepPriceRises: a platform admin.
// Each transition is one conditional UPDATE; no row updated is a conflict, reported as such.
import { and, asc, desc, eq, gt, isNotNull, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { priceChanges, producers, products, productVariants, villages } from '../../../db/schema/catalog.ts';
import { assertAdmin, personActor, type Actor } from '../../lib/actor.ts';
import { refuse } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.server.ts';
import type { ProductCore } from './listing.server.ts';

type Person = { id: number; role: 'user' | 'admin' };

async function conflictOrMissing(db: DbOrTx, productId: number, villageId?: number): Promise<never> {
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.id, productId), villageId === undefined ? undefined : eq(products.villageId, villageId)));
  throw row ? refuse.conflict('state_changed') : refuse.notFound();
}

/** draft → submitted. A household's product needs the household's consent on record. */
export async function submitProduct(db: Db, user: Person, villageId: number, productId: number, now = new Date()) {
  return db.transaction(async (tx) => {
    const [facts] = await tx
      .select({
        kind: producers.kind,
        consentOn: producers.consentOn,
        variants: sql<number>`(select count(*) from ${productVariants} where ${productVariants.productId} = ${products.id})::int`,
      })
      .from(products)
      .innerJoin(producers, eq(producers.id, products.producerId))
      .where(and(eq(products.id, productId), eq(products.villageId, villageId)));
    if (!facts) throw refuse.notFound();
    if (facts.kind === 'household' && !facts.consentOn) throw refuse.conflict('consent_required');
    if (facts.variants === 0) throw refuse.conflict('variant_required');
    const [row] = await tx
      .update(products)
      .set({ status: 'submitted', submittedAt: now, reviewNote: null })
      .where(and(eq(products.id, productId), eq(products.villageId, villageId), eq(products.status, 'draft')))
      .returning({ id: products.id });
    if (!row) return conflictOrMissing(tx, productId, villageId);
    await recordAudit(
      tx,
      personActor(user),
      { action: 'product.submit', target: 'product', targetId: productId, before: { status: 'draft' }, after: { status: 'submitted' } },
      now,
    );
    return { productId };
  });
}

/** submitted → on sale; or an on-sale product's waiting changes applied. */
export async function approveProduct(db: Db, actor: Actor, productId: number, now = new Date()) {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const [product] = await tx.select().from(products).where(eq(products.id, productId)).for('update');
    if (!product) throw refuse.notFound();
    const decided = { reviewedAt: now, reviewedBy: actor.userId, reviewNote: null };
    if (product.status === 'submitted') {
      await tx
        .update(products)
        .set({ status: 'active', ...decided })
        .where(eq(products.id, productId));
    } else if (product.status === 'active' && product.pendingChanges) {
      await tx
        .update(products)
        .set({ ...(product.pendingChanges as ProductCore), pendingChanges: null, ...decided })
        .where(eq(products.id, productId));
    } else throw refuse.conflict('state_changed');
    await recordAudit(
      tx,
      actor,
      { action: 'product.approve', target: 'product', targetId: productId, before: { status: product.status, pending: product.pendingChanges }, after: { status: 'active' } },
      now,
    );
    return { productId };
  });
}

/** submitted → draft with the reason; or an on-sale product's waiting changes dropped, with the reason. */
export async function rejectProduct(db: Db, actor: Actor, input: { productId: number; reason: string }, now = new Date()) {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(products)
      .set({
        status: sql`case when ${products.status} = 'submitted' then 'draft'::product_status else ${products.status} end`,
        pendingChanges: null,
        reviewNote: input.reason,
        reviewedAt: now,
        reviewedBy: actor.userId,
      })
      .where(and(eq(products.id, input.productId), or(eq(products.status, 'submitted'), and(eq(products.status, 'active'), isNotNull(products.pendingChanges)))))
      .returning({ id: products.id, status: products.status });
    if (!row) return conflictOrMissing(tx, input.productId);
    await recordAudit(tx, actor, { action: 'product.reject', target: 'product', targetId: input.productId, after: { status: row.status, reason: input.reason } }, now);
    return { productId: input.productId };
  });
}

/** active ⇄ hidden, by the village: off the shelf at once, back on without a new review (nothing changed meanwhile). */
export async function setOnShelf(db: Db, user: Person, villageId: number, productId: number, onShelf: boolean, now = new Date()) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(products)
      .set({ status: onShelf ? 'active' : 'hidden' })
      .where(and(eq(products.id, productId), eq(products.villageId, villageId), eq(products.status, onShelf ? 'hidden' : 'active')))
      .returning({ id: products.id });
    if (!row) return conflictOrMissing(tx, productId, villageId);
    await recordAudit(
      tx,
      personActor(user),
      { action: onShelf ? 'product.on_shelf' : 'product.off_shelf', target: 'product', targetId: productId, after: { status: onShelf ? 'active' : 'hidden' } },
      now,
    );
    return { productId };
  });
}

/** What waits for an admin: submitted products and on-sale products with changes, oldest first. */
export async function reviewQueue(db: Db, actor: Actor) {
  assertAdmin(actor);
  return db
    .select({
      id: products.id,
      slug: products.slug,
      name: products.name,
      status: products.status,
      summary: products.summary,
      description: products.description,
      pending: products.pendingChanges,
      submittedAt: products.submittedAt,
      villageName: villages.name,
      producerName: producers.name,
      producerKind: producers.kind,
    })
    .from(products)
    .innerJoin(villages, eq(villages.id, products.villageId))
    .innerJoin(producers, eq(producers.id, products.producerId))
    .where(or(eq(products.status, 'submitted'), and(eq(products.status, 'active'), isNotNull(products.pendingChanges))))
    .orderBy(asc(products.submittedAt), asc(products.id))
    .limit(100);
}

/** Variants whose price rose by more than 20% over the last 30 days (first price in the window against now). */
export async function steepPriceRises(db: Db, actor: Actor, now = new Date()) {
  assertAdmin(actor);
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const first = db
    .selectDistinctOn([priceChanges.variantId], { variantId: priceChanges.variantId, oldPriceFen: priceChanges.oldPriceFen, at: priceChanges.at })
    .from(priceChanges)
    .where(gt(priceChanges.at, since))
    .orderBy(priceChanges.variantId, asc(priceChanges.at))
    .as('first');
  return db
    .select({
      variantId: productVariants.id,
      variantName: productVariants.name,
      productId: products.id,
      productName: products.name,
      villageName: villages.name,
      fromFen: first.oldPriceFen,
      toFen: productVariants.priceFen,
      since: first.at,
    })
    .from(first)
    .innerJoin(productVariants, eq(productVariants.id, first.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .innerJoin(villages, eq(villages.id, products.villageId))
    .where(sql`${productVariants.priceFen} * 5 > ${first.oldPriceFen} * 6`)
    .orderBy(desc(first.at));
}
