// The shelf run by the villages (#14), on PGlite and on PostgreSQL: villages added and edited
// from the national division codes, paused (their products leave every shelf query and the
// cart), managers invited by a single-use link, and the append-only audit log every admin
// and manager write lands in.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, outbox, priceChanges, priceTiers, products, productVariants, villageManagers, villages } from '../../db/schema/index.ts';
import type { Actor } from '../../src/lib/actor.ts';
import { AccessError, DomainError } from '../../src/lib/errors.ts';
import { listAudit } from '../../src/modules/audit/audit.server.ts';
import { parseAuditFilter } from '../../src/modules/audit/audit.ts';
import { addToOwnersCart } from '../../src/modules/cart/cart.server.ts';
import { getProductBySlug, listProducts } from '../../src/modules/catalog/catalog.server.ts';
import { parseProductQuery } from '../../src/modules/catalog/catalog.ts';
import { CredentialSchema, ProducerSchema, ProductSchema, RejectProductSchema } from '../../src/modules/catalog/listing.ts';
import { addCredential, credentialsOf, expiredCredentials, removeCredential, villageOfCredentialScan } from '../../src/modules/catalog/credentials.server.ts';
import { saveProducer, saveProduct } from '../../src/modules/catalog/listing.server.ts';
import { presaleBlocks } from '../../src/modules/catalog/presale.server.ts';
import { approveProduct, rejectProduct, reviewQueue, setOnShelf, steepPriceRises, submitProduct } from '../../src/modules/catalog/review.server.ts';
import { ordersOfCheckout } from '../../src/modules/orders/place-order.server.ts';
import { shipOrder } from '../../src/modules/orders/ship-order.server.ts';
import type { OrderActor } from '../../src/modules/orders/orders.ts';
import { acceptManagerInvite, findManagerInvite, inviteManager } from '../../src/modules/villages/manager-invites.server.ts';
import { createVillage, setVillagePaused, updateVillage } from '../../src/modules/villages/onboard.server.ts';
import { VillageSchema } from '../../src/modules/villages/villages.ts';
import { verifyUnit } from '../../src/modules/units/review-unit.server.ts';
import { createCategory, createProducer, createProduct } from '../factories/catalog.ts';
import { placeTestOrder } from '../factories/orders.ts';
import { createUnit, createUser, makeCreditCode } from '../factories/users.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();
const today = '2026-12-08';

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

let n = 0;
const raw = (over: Record<string, string> = {}): Record<string, string> => ({
  name: '石门村',
  slug: `shimen-${++n}-${Math.random().toString(36).slice(2, 8)}`,
  township: '611026001',
  collectiveName: '石门村股份经济合作社',
  creditCode: makeCreditCode(Math.floor(Math.random() * 1e8), 'N2611026'),
  shippingFee: '10',
  freeShippingOver: '88.5',
  noFreshProvinces: '新疆、西藏',
  ...over,
});
const form = (over: Record<string, string> = {}) => VillageSchema.parse(raw(over));

async function admin(): Promise<Actor> {
  const user = await createUser(t.db, { role: 'admin' });
  return { kind: 'admin', userId: user.id };
}

describe('villages from the division codes', () => {
  it('adds a village with the names of its place, in 分, audited; a taken credit code or address is refused on its field', async () => {
    const me = await admin();
    const input = form();
    const { villageId, slug } = await createVillage(t.db, me, { ...input, slug: '' });
    const [row] = await t.db.select().from(villages).where(eq(villages.id, villageId));
    expect(row).toMatchObject({
      divisionCode: '611026001000',
      province: '陕西省',
      city: '商洛市',
      county: '柞水县',
      shippingFeeFen: 1000,
      freeShippingOverFen: 8850,
      noFreshProvinces: ['新疆', '西藏'],
    });
    expect(slug).toBe('v611026001000');
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(villageId)));
    expect(audit).toMatchObject({ action: 'village.create', actorUserId: me.userId, targetType: 'village' });

    const again = await refusal(createVillage(t.db, me, { ...form(), creditCode: input.creditCode, slug: 'another' }));
    expect([again.key, again.field]).toEqual(['village_credit_code_taken', 'creditCode']);
    const slugTaken = await refusal(createVillage(t.db, me, form({ slug: slug })));
    expect([slugTaken.key, slugTaken.field]).toEqual(['village_slug_taken', 'slug']);
  });

  it('refuses a code that is not in the national list, and any non-admin', async () => {
    const me = await admin();
    const unknown = await refusal(createVillage(t.db, me, form({ township: '611026999' })));
    expect([unknown.key, unknown.field]).toEqual(['division_invalid', 'township']);
    const stranger = await refusal(createVillage(t.db, me, form({ village: '611026001999' })));
    expect(stranger.key).toBe('division_invalid');
    const user = await createUser(t.db);
    await expect(createVillage(t.db, { kind: 'village', userId: user.id }, form())).rejects.toBeInstanceOf(AccessError);
  });

  it('stores the village’s own 12-digit code when it is chosen; editing keeps the address and records before and after', async () => {
    const me = await admin();
    const { villageId } = await createVillage(t.db, me, form({ village: '611026001001' }));
    const [row] = await t.db.select().from(villages).where(eq(villages.id, villageId));
    expect(row.divisionCode).toBe('611026001001');
    await updateVillage(t.db, me, { ...form({ name: '石门新村', slug: '' }), creditCode: row.creditCode!, villageId });
    const [after] = await t.db.select().from(villages).where(eq(villages.id, villageId));
    expect([after.name, after.slug, after.divisionCode]).toEqual(['石门新村', row.slug, '611026001000']);
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'village.update' and ${auditLog.targetId} = ${String(villageId)}`);
    expect((entry.before as { name: string }).name).toBe('石门村');
    expect((entry.after as { name: string }).name).toBe('石门新村');
  });

  it('rejects bad input with the message keys people see', () => {
    const issues = (over: Record<string, string>) => VillageSchema.safeParse(raw(over)).error?.issues.map((i) => `${String(i.path[0])}:${i.message}`);
    expect(issues({ creditCode: '91110000000000000X' })).toEqual(['creditCode:credit_code_invalid']);
    expect(issues({ shippingFee: '1.234' })).toEqual(['shippingFee:village_amount_invalid']);
    expect(issues({ noFreshProvinces: '新疆、火星' })).toEqual(['noFreshProvinces:village_provinces_invalid']);
    expect(issues({ slug: 'Bad Slug' })).toEqual(['slug:village_slug_invalid']);
    expect(issues({ bankAccountNo: '6222 0000 1111' })).toEqual(['bankAccountName:bank_details_incomplete']);
    expect(issues({ village: '610102001001' })).toEqual(['village:division_invalid']);
  });
});

describe('a paused village', () => {
  it('leaves the shelf and the cart, keeps its row; resuming puts it back; each change audited once', async () => {
    const me = await admin();
    const { villageId } = await createVillage(t.db, me, form());
    const category = await createCategory(t.db);
    const producer = await createProducer(t.db, { villageId });
    const { product, variants } = await createProduct(t.db, { villageId, producerId: producer.id, categoryId: category.id, name: '石门核桃' });
    const shelf = async () => (await listProducts(t.db, parseProductQuery(new URLSearchParams({ q: '石门核桃' })), today)).items.map((p) => p.id);
    expect(await shelf()).toEqual([product.id]);

    await setVillagePaused(t.db, me, { villageId, paused: true, confirm: 'on' });
    expect(await shelf()).toEqual([]);
    const refused = await refusal(addToOwnersCart(t.db, { userId: null, guestCartId: null }, variants[0].id, 1));
    expect(refused.key).toBe('product_unavailable');
    expect((await refusal(setVillagePaused(t.db, me, { villageId, paused: true, confirm: 'on' }))).key).toBe('state_changed');

    await setVillagePaused(t.db, me, { villageId, paused: false, confirm: 'on' });
    expect(await shelf()).toEqual([product.id]);
    const actions = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(sql`${auditLog.targetId} = ${String(villageId)} and ${auditLog.action} like 'village.%'`);
    expect(actions.map((a) => a.action).sort()).toEqual(['village.create', 'village.pause', 'village.resume']);
  });
});

describe('manager invitations', () => {
  it('mail a single-use link; only the invited address accepts it, once; it expires', async () => {
    const me = await admin();
    const { villageId } = await createVillage(t.db, me, form());
    const invited = await createUser(t.db, { email: `cadre-${villageId}@example.com` });
    const other = await createUser(t.db);
    const now = new Date('2026-12-08T02:00:00Z');
    await inviteManager(t.db, me, { villageId, email: invited.email }, 'zh', now);
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.to, invited.email));
    const code = /code=([a-z2-7]+\.[a-z2-7]+)/.exec(decodeURIComponent(mail.body))![1];
    expect(mail.subject).toContain('石门村');

    expect((await refusal(acceptManagerInvite(t.db, other, code, now))).key).toBe('manager_invite_other_email');
    expect(await findManagerInvite(t.db, code, new Date(now.getTime() + 8 * 86_400_000))).toBeNull();
    await acceptManagerInvite(t.db, invited, code, now);
    expect(await t.db.select().from(villageManagers).where(eq(villageManagers.villageId, villageId))).toHaveLength(1);
    expect((await refusal(acceptManagerInvite(t.db, invited, code, now))).key).toBe('manager_invite_invalid');
    expect((await refusal(acceptManagerInvite(t.db, invited, `${code.split('.')[0]}.aaaaaaaaaaaaaaaaaaaa`, now))).key).toBe('manager_invite_invalid');
    // The log holds who and what, never the link's secret.
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.targetId} = ${String(villageId)}`);
    expect(entries.map((e) => e.action).sort()).toEqual(['village.create', 'village.manager_accept', 'village.manager_invite']);
    expect(JSON.stringify(entries.map((e) => ({ ...e, id: String(e.id) })))).not.toContain(code.split('.')[1]);
  });
});

describe('the audit log', () => {
  it('is append-only: UPDATE, DELETE and TRUNCATE are refused by the database itself', async () => {
    const me = await admin();
    const unitOwner = await createUser(t.db);
    const unit = await createUnit(t.db, { createdBy: unitOwner.id, status: 'pending_admin_review' });
    await verifyUnit(t.db, me, { unitId: unit.id });
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'unit.verify' and ${auditLog.targetId} = ${String(unit.id)}`);
    expect(entry.after).toMatchObject({ status: 'verified' });
    await expect(t.db.update(auditLog).set({ action: 'x' }).where(eq(auditLog.id, entry.id))).rejects.toThrow();
    await expect(t.db.delete(auditLog).where(eq(auditLog.id, entry.id))).rejects.toThrow();
    await expect(t.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    const [still] = await t.db.select().from(auditLog).where(eq(auditLog.id, entry.id));
    expect(still.action).toBe('unit.verify');
  });

  it('filters by actor, kind of record, record and Shanghai day; only admins read it', async () => {
    const me = await admin();
    const unitOwner = await createUser(t.db);
    const unit = await createUnit(t.db, { createdBy: unitOwner.id, status: 'pending_admin_review' });
    await verifyUnit(t.db, me, { unitId: unit.id });
    const [actor] = await t.db.select({ email: sql<string>`email` }).from(sql`users`).where(sql`id = ${me.userId}`);
    const read = (q: Record<string, string>) => listAudit(t.db, me, parseAuditFilter(new URLSearchParams(q)));
    expect((await read({ actor: actor.email })).rows.map((r) => r.action)).toEqual(['unit.verify']);
    expect((await read({ target: 'unit', id: String(unit.id) })).rows).toHaveLength(1);
    expect((await read({ target: 'unit', id: String(unit.id), to: '2020-01-01' })).rows).toHaveLength(0);
    expect((await read({ actor: '%' })).rows).toHaveLength(0);
    await expect(listAudit(t.db, { kind: 'village', userId: unitOwner.id }, parseAuditFilter(new URLSearchParams()))).rejects.toBeInstanceOf(AccessError);
  });
});

describe('the listing and its review', () => {
  async function village() {
    const me = await admin();
    const { villageId } = await createVillage(t.db, me, form());
    const manager = await createUser(t.db);
    const category = await createCategory(t.db, { slug: 'veg-dried', name: '蔬菜干货', nameEn: 'Vegetables & dried goods' });
    return { me, villageId, manager: { id: manager.id, role: 'user' as const }, category };
  }
  const product = (villageId: number, producerId: number, categoryId: number, over: Record<string, string | string[]> = {}) =>
    ProductSchema.parse({
      villageId: String(villageId),
      producerId: String(producerId),
      categoryId: String(categoryId),
      name: '石门黑木耳',
      summary: '秦岭椴木黑木耳',
      variantId: ['', ''],
      variantName: ['250克袋装', '500克礼盒'],
      variantUnit: ['bag', 'box'],
      variantGrams: ['250', '500'],
      variantPrice: ['39.80', '78'],
      variantMin: ['1', '1'],
      variantStock: ['100', '50'],
      variantTiers: ['10 36.00\n50 33', ''],
      ...over,
    });

  it('refuses a household without consent and a cooperative without a valid credit code, on their fields', () => {
    const issues = (over: Record<string, string>) =>
      ProducerSchema.safeParse({ villageId: '1', kind: 'household', name: '王秀英', ...over })
        .error?.issues.map((i) => `${String(i.path[0])}:${i.message}`)
        .sort();
    expect(issues({})).toEqual(['consentBy:consent_required', 'consentMethod:consent_required', 'consentOn:consent_required']);
    expect(issues({ kind: 'cooperative', creditCode: '93611026000000002X' })).toEqual(['creditCode:credit_code_invalid']);
    expect(issues({ consentBy: '王秀英', consentOn: '2026-12-01', consentMethod: 'written' })).toBeUndefined();
  });

  it('draft → submitted → on sale; a rejection needs a reason and goes back to draft; edits of an on-sale product wait for review', async () => {
    const { me, villageId, manager, category } = await village();
    const { producerId } = await saveProducer(
      t.db,
      manager,
      ProducerSchema.parse({ villageId: String(villageId), kind: 'cooperative', name: '石门木耳合作社', creditCode: makeCreditCode(7, '93611026') }),
    );
    const { productId } = await saveProduct(t.db, manager, product(villageId, producerId, category.id));
    const [row] = await t.db.select().from(products).where(eq(products.id, productId));
    expect(row.status).toBe('draft');
    const variants = await t.db.select().from(productVariants).where(eq(productVariants.productId, productId)).orderBy(productVariants.sortOrder);
    expect(variants.map((v) => [v.priceFen, v.saleUnit, v.netGrams, v.stock])).toEqual([
      [3980, 'bag', 250, 100],
      [7800, 'box', 500, 50],
    ]);
    expect((await t.db.select().from(priceTiers).where(eq(priceTiers.variantId, variants[0].id))).map((tier) => [tier.minQuantity, tier.priceFen]).sort()).toEqual([
      [10, 3600],
      [50, 3300],
    ]);
    const shelf = async () =>
      (await listProducts(t.db, parseProductQuery(new URLSearchParams({ q: '木耳' })), today)).items.filter((p) => p.id === productId).map((p) => p.name);
    expect(await shelf()).toEqual([]);

    await submitProduct(t.db, manager, villageId, productId);
    expect((await refusal(submitProduct(t.db, manager, villageId, productId))).key).toBe('state_changed');
    await rejectProduct(t.db, me, { productId, reason: '请补充产地' });
    const [rejected] = await t.db.select().from(products).where(eq(products.id, productId));
    expect([rejected.status, rejected.reviewNote]).toEqual(['draft', '请补充产地']);
    expect(RejectProductSchema.safeParse({ productId: '1', reason: '  ' }).success).toBe(false);

    await submitProduct(t.db, manager, villageId, productId);
    await approveProduct(t.db, me, productId);
    expect(await shelf()).toEqual(['石门黑木耳']);

    // On sale: the new name waits; the price applies at once and is kept.
    const edit = product(villageId, producerId, category.id, {
      productId: String(productId),
      name: '石门椴木黑木耳',
      variantId: variants.map((v) => String(v.id)),
      variantPrice: ['49.80', '78'],
      variantStock: ['', ''],
    });
    expect((await saveProduct(t.db, manager, edit)).pending).toBe(true);
    expect(await shelf()).toEqual(['石门黑木耳']);
    const [repriced] = await t.db.select().from(productVariants).where(eq(productVariants.id, variants[0].id));
    expect([repriced.priceFen, repriced.stock]).toEqual([4980, 100]);
    expect(await t.db.select({ from: priceChanges.oldPriceFen, to: priceChanges.newPriceFen }).from(priceChanges).where(eq(priceChanges.variantId, variants[0].id))).toEqual([
      { from: 3980, to: 4980 },
    ]);
    expect((await steepPriceRises(t.db, me)).map((r) => r.variantId)).toContain(variants[0].id);
    expect((await reviewQueue(t.db, me)).map((q) => q.id)).toContain(productId);
    await approveProduct(t.db, me, productId);
    expect(await shelf()).toEqual(['石门椴木黑木耳']);

    await setOnShelf(t.db, manager, villageId, productId, false);
    expect(await shelf()).toEqual([]);
    // Another village's manager names a product that is not theirs: not found.
    expect((await refusal(setOnShelf(t.db, manager, villageId + 100000, productId, true))).status).toBe(404);
    await expect(approveProduct(t.db, { kind: 'village', userId: manager.id }, productId)).rejects.toBeInstanceOf(AccessError);
  });

  it('a household’s product needs the household’s consent before it is submitted', async () => {
    const { villageId, manager, category } = await village();
    const household = await createProducer(t.db, { villageId, kind: 'household', name: '张桂兰' });
    const { productId } = await saveProduct(t.db, manager, product(villageId, household.id, category.id));
    expect((await refusal(submitProduct(t.db, manager, villageId, productId))).key).toBe('consent_required');
  });

  it('pre-sale: nothing ships or is delivered before its date, nor joins a group order delivered earlier', async () => {
    const category = await createCategory(t.db);
    const me = await admin();
    const { villageId } = await createVillage(t.db, me, form());
    const producer = await createProducer(t.db, { villageId });
    const { variants } = await createProduct(t.db, { villageId, producerId: producer.id, categoryId: category.id, variants: [{ presaleShipsFrom: '2099-07-01' }] });
    const buyer = await createUser(t.db);
    const placed = await placeTestOrder(t.db, {
      user: { id: buyer.id, email: buyer.email },
      lines: [{ variantId: variants[0].id, quantity: 1 }],
      paymentMethod: 'cash_on_delivery',
    });
    const [order] = await ordersOfCheckout(t.db, placed.id);
    const village: OrderActor = { kind: 'village', userId: me.userId };
    expect((await refusal(shipOrder(t.db, village, order.id, '中通快递', 'ZT1', new Date()))).key).toBe('presale_not_ready');
    expect(await presaleBlocks(t.db, [variants[0].id], '2099-06-30')).toBe('2099-07-01');
    expect(await presaleBlocks(t.db, [variants[0].id], '2099-07-01')).toBeNull();
    await shipOrder(t.db, village, order.id, '中通快递', 'ZT1', new Date('2099-07-01T02:00:00Z'));
  });
});

describe('credentials', () => {
  const pdf = () => new File([new TextEncoder().encode('%PDF-1.4\n% a scan\n')], 'scan.pdf', { type: 'application/pdf' });
  it('shows a credential in the shop while it is valid, keeps its scan private to the village, refuses a second of the same kind and a scan that is not an image or PDF', async () => {
    const me = await admin();
    const { villageId } = await createVillage(t.db, me, form());
    const category = await createCategory(t.db);
    const producer = await createProducer(t.db, { villageId });
    const { product } = await createProduct(t.db, { villageId, producerId: producer.id, categoryId: category.id });
    const manager = { id: me.userId!, role: 'admin' as const };
    const add = (over: Record<string, unknown>) =>
      addCredential(
        t.db,
        manager,
        CredentialSchema.parse({
          villageId: String(villageId),
          productId: String(product.id),
          kind: 'green_food',
          certificateNo: 'LB-45-2208',
          issuer: '中国绿色食品发展中心',
          ...over,
        }),
      );
    await add({ validUntil: '2026-12-31', scan: [pdf()] });
    await add({ kind: 'sc_licence', certificateNo: 'SC11661102600123', issuer: '柞水县市场监督管理局', validUntil: '2026-01-31' });
    const shown = async (today: string) => ((await getProductBySlug(t.db, product.slug, today))?.credentials ?? []).map((c) => c.kind).sort();
    expect(await shown('2026-12-08')).toEqual(['green_food']);
    expect(await shown('2026-01-15')).toEqual(['green_food', 'sc_licence']);
    expect(await shown('2027-01-01')).toEqual([]);
    expect((await expiredCredentials(t.db, villageId, '2026-12-08')).map((c) => c.kind)).toEqual(['sc_licence']);
    const [green] = (await credentialsOf(t.db, product.id)).filter((c) => c.kind === 'green_food');
    expect(green.scanPath).toMatch(/^credentials\/[0-9a-f]{32}\.pdf$/);
    expect(await villageOfCredentialScan(t.db, green.scanPath!)).toBe(villageId);

    const again = await refusal(add({ scan: [pdf()] }));
    expect([again.key, again.field]).toEqual(['credential_kind_exists', 'kind']);
    const html = new File(['<script>alert(1)</script>'], 'scan.pdf', { type: 'application/pdf' });
    expect((await refusal(add({ kind: 'organic', scan: [html] }))).key).toBe('file_invalid');
    expect((await credentialsOf(t.db, product.id)).map((c) => c.kind).sort()).toEqual(['green_food', 'sc_licence']);

    await removeCredential(t.db, manager, { villageId, productId: product.id, credentialId: green.id });
    expect(await shown('2026-12-08')).toEqual([]);
    expect((await refusal(removeCredential(t.db, manager, { villageId: villageId + 100000, productId: product.id, credentialId: green.id }))).status).toBe(404);
  });
});
