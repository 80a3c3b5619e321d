// A village's own listing: its producers and its products with their variants and tier
// prices. Who: a manager of the village or a platform admin — the edge proves it
// (requireVillageManager) and passes the user in. A new product is a draft until an admin
// approves it (review.server.ts). Once on sale, its name, texts, category and producer
// changes wait in pending_changes for review while the approved version stays on sale;
// prices apply at once and each change is kept in price_changes. Stock is not edited here
// after creation: the desk's stock form moves it through the stock module, with a reason.
import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { categories, priceChanges, priceTiers, producers, products, productVariants } from '../../../db/schema/catalog.ts';
import { personActor } from '../../lib/actor.ts';
import { refuse } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.server.ts';
import type { ProducerInput, ProductInput, VariantInput } from './listing.ts';

type Person = { id: number; role: 'user' | 'admin' };

export async function saveProducer(db: Db, user: Person, input: ProducerInput, now = new Date()): Promise<{ producerId: number }> {
  const values = {
    kind: input.kind,
    name: input.name,
    isLifted: input.isLifted,
    isMonitored: input.isMonitored,
    creditCode: input.creditCode,
    consentBy: input.consentBy,
    consentOn: input.consentOn,
    consentMethod: input.consentMethod,
    consentRecordedBy: input.kind === 'household' ? user.id : null,
  };
  return db.transaction(async (tx) => {
    if (input.producerId === null) {
      const [row] = await tx
        .insert(producers)
        .values({ villageId: input.villageId, ...values, createdAt: now })
        .onConflictDoNothing()
        .returning({ id: producers.id });
      if (!row) throw refuse.conflict('producer_name_taken', 'name');
      await recordAudit(tx, personActor(user), { action: 'producer.create', target: 'producer', targetId: row.id, after: { villageId: input.villageId, ...values } }, now);
      return { producerId: row.id };
    }
    const [before] = await tx
      .select()
      .from(producers)
      .where(and(eq(producers.id, input.producerId), eq(producers.villageId, input.villageId)))
      .for('update');
    if (!before) throw refuse.notFound();
    // The consent keeps who recorded it unless it changed.
    const sameConsent = before.consentBy === values.consentBy && before.consentOn === values.consentOn && before.consentMethod === values.consentMethod;
    const set = { ...values, consentRecordedBy: sameConsent ? before.consentRecordedBy : values.consentRecordedBy };
    const [taken] = await tx
      .select({ id: producers.id })
      .from(producers)
      .where(and(eq(producers.villageId, input.villageId), eq(producers.name, input.name)));
    if (taken && taken.id !== before.id) throw refuse.conflict('producer_name_taken', 'name');
    // The ledger keeps the producer's id, never its name: past entries are not rewritten.
    await tx.update(producers).set(set).where(eq(producers.id, before.id));
    await recordAudit(tx, personActor(user), { action: 'producer.update', target: 'producer', targetId: before.id, before, after: set }, now);
    return { producerId: before.id };
  });
}

async function checkProducerAndCategory(tx: Tx, input: ProductInput) {
  const [producer] = await tx
    .select({ id: producers.id })
    .from(producers)
    .where(and(eq(producers.id, input.producerId), eq(producers.villageId, input.villageId)));
  if (!producer) throw refuse.invalid('producer_unknown', 'producerId');
  const [category] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, input.categoryId));
  if (!category) throw refuse.invalid('category_unknown', 'categoryId');
}

const core = (input: ProductInput) => ({
  name: input.name,
  nameEn: input.nameEn || input.name,
  summary: input.summary,
  description: input.description,
  origin: input.origin,
  grade: input.grade,
  categoryId: input.categoryId,
  producerId: input.producerId,
});
export type ProductCore = ReturnType<typeof core>;

async function insertVariant(tx: Tx, productId: number, v: VariantInput, i: number, input: ProductInput) {
  const [row] = await tx
    .insert(productVariants)
    .values({
      productId,
      sku: `V${productId}-${randomBytes(3).toString('hex').toUpperCase()}`,
      name: v.name,
      nameEn: v.name,
      priceFen: v.priceFen,
      saleUnit: v.saleUnit,
      netGrams: v.netGrams,
      stock: v.stock,
      minQuantity: v.minQuantity,
      presaleShipsFrom: input.presaleShipsFrom,
      harvestBatch: input.harvestBatch || null,
      sortOrder: i,
    })
    .returning({ id: productVariants.id });
  if (v.tiers.length) await tx.insert(priceTiers).values(v.tiers.map((t) => ({ variantId: row.id, ...t })));
  return row.id;
}

export async function saveProduct(db: Db, user: Person, input: ProductInput, now = new Date()): Promise<{ productId: number; pending: boolean }> {
  const actor = personActor(user);
  return db.transaction(async (tx) => {
    await checkProducerAndCategory(tx, input);
    if (input.productId === null) {
      const [row] = await tx
        .insert(products)
        .values({ ...core(input), slug: `p-${randomBytes(5).toString('hex')}`, villageId: input.villageId, status: 'draft', createdAt: now })
        .returning({ id: products.id });
      for (const [i, v] of input.variants.entries()) await insertVariant(tx, row.id, v, i, input);
      await recordAudit(tx, actor, { action: 'product.create', target: 'product', targetId: row.id, after: { ...core(input), variants: input.variants } }, now);
      return { productId: row.id, pending: false };
    }
    const [before] = await tx
      .select()
      .from(products)
      .where(and(eq(products.id, input.productId), eq(products.villageId, input.villageId)))
      .for('update');
    if (!before) throw refuse.notFound();
    const next = core(input);
    const changed = (Object.keys(next) as (keyof ProductCore)[]).some((k) => next[k] !== before[k]);
    // On sale: what buyers read waits for review; a draft or an off-shelf product changes at once.
    const pending = before.status === 'active' && changed;
    if (pending) await tx.update(products).set({ pendingChanges: next }).where(eq(products.id, before.id));
    else if (changed)
      await tx
        .update(products)
        .set({ ...next, pendingChanges: null })
        .where(eq(products.id, before.id));

    const existing = await tx.select().from(productVariants).where(eq(productVariants.productId, before.id)).orderBy(asc(productVariants.sortOrder)).for('update');
    for (const [i, v] of input.variants.entries()) {
      const old = v.variantId === null ? undefined : existing.find((e) => e.id === v.variantId);
      if (v.variantId !== null && !old) throw refuse.invalid('invalid', `variantName.${i}`);
      if (!old) {
        await insertVariant(tx, before.id, v, existing.length + i, input);
        continue;
      }
      await tx
        .update(productVariants)
        .set({
          name: v.name,
          nameEn: old.nameEn === old.name ? v.name : old.nameEn,
          saleUnit: v.saleUnit,
          netGrams: v.netGrams,
          priceFen: v.priceFen,
          minQuantity: v.minQuantity,
          presaleShipsFrom: input.presaleShipsFrom,
          harvestBatch: input.harvestBatch || null,
        })
        .where(eq(productVariants.id, old.id));
      if (old.priceFen !== v.priceFen) {
        await tx.insert(priceChanges).values({ variantId: old.id, at: now, oldPriceFen: old.priceFen, newPriceFen: v.priceFen, changedBy: user.id });
        await recordAudit(
          tx,
          actor,
          { action: 'variant.price', target: 'variant', targetId: old.id, before: { priceFen: old.priceFen }, after: { priceFen: v.priceFen } },
          now,
        );
      }
      await tx.delete(priceTiers).where(eq(priceTiers.variantId, old.id));
      if (v.tiers.length) await tx.insert(priceTiers).values(v.tiers.map((t) => ({ variantId: old.id, ...t })));
    }
    await recordAudit(
      tx,
      actor,
      {
        action: 'product.update',
        target: 'product',
        targetId: before.id,
        before: { ...Object.fromEntries(Object.keys(next).map((k) => [k, before[k as keyof ProductCore]])), status: before.status },
        after: { ...next, pending },
      },
      now,
    );
    return { productId: before.id, pending };
  });
}

/** The product as its manager edits it: its own fields, what waits for review, its variants and tiers. */
export async function productForEdit(db: Db, villageId: number, productId: number) {
  const [product] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.villageId, villageId)));
  if (!product) return null;
  const variants = await db.select().from(productVariants).where(eq(productVariants.productId, productId)).orderBy(asc(productVariants.sortOrder), asc(productVariants.id));
  const tiers = variants.length
    ? await db
        .select()
        .from(priceTiers)
        .where(
          inArray(
            priceTiers.variantId,
            variants.map((v) => v.id),
          ),
        )
        .orderBy(asc(priceTiers.minQuantity))
    : [];
  return { product, variants: variants.map((v) => ({ ...v, tiers: tiers.filter((t) => t.variantId === v.id) })) };
}
export type EditableProduct = NonNullable<Awaited<ReturnType<typeof productForEdit>>>;

/** The village's products for its desk, with their review state. */
export async function villageListing(db: Db, villageId: number) {
  return db
    .select({ id: products.id, slug: products.slug, name: products.name, status: products.status, reviewNote: products.reviewNote, pending: products.pendingChanges })
    .from(products)
    .where(eq(products.villageId, villageId))
    .orderBy(asc(products.id));
}

/** The categories a product can be filed under. */
export async function categoryOptions(db: Db) {
  return db.select({ id: categories.id, name: categories.name, nameEn: categories.nameEn }).from(categories).orderBy(asc(categories.sortOrder), asc(categories.id));
}
