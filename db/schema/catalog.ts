// The village catalogue: where produce comes from (village → producer) and what
// is sold (product → variant, with tiers, images and credentials).
// Money is integer 分; weight is integer grams (斤 = 500 g is a display unit).
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';

export const producerKind = pgEnum('producer_kind', [
  'household', // 农户
  'cooperative', // 合作社
  'family_farm', // 家庭农场
  'collective_enterprise', // 村集体企业
]);

export const saleUnit = pgEnum('sale_unit', ['jin', 'box', 'case', 'bundle', 'bag', 'piece', 'bottle']);

export const credentialKind = pgEnum('credential_kind', [
  'poverty_alleviation', // 扶贫产品认定
  'geographical_indication', // 地理标志
  'green_food', // 绿色食品
  'organic', // 有机产品
  'sc_licence', // 食品生产许可证 (SC)
]);

// Review before sale (#14): a manager's draft is submitted, an admin approves it onto the
// shelf ('active', on sale) or rejects it back to draft with a reason; 'hidden' is off the shelf.
export const productStatus = pgEnum('product_status', ['active', 'hidden', 'draft', 'submitted']);

// How a household agreed to be listed (PIPL: consent to publish, even masked).
export const consentMethod = pgEnum('consent_method', ['written', 'recorded_verbal', 'electronic']);

export const villages = pgTable(
  'villages',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    province: text('province').notNull(),
    provinceEn: text('province_en').notNull(),
    city: text('city').notNull(),
    county: text('county').notNull(),
    township: text('township').notNull(),
    story: text('story').notNull().default(''),
    storyEn: text('story_en').notNull().default(''),
    imagePath: text('image_path'),
    // Shipping, per village (each village ships its own parcel): a flat fee, free
    // from a goods sub-total on (null: never free), and provinces (short names such
    // as 新疆, matched as a prefix of the address's province) that fresh produce is
    // not sent to, because it would spoil on the way.
    shippingFeeFen: integer('shipping_fee_fen').notNull().default(1200),
    freeShippingOverFen: integer('free_shipping_over_fen').default(9900),
    noFreshProvinces: text('no_fresh_provinces').array().notNull().default(sql`'{}'::text[]`),
    // 对公转账: the account buyers pay into (the village collective's, usually).
    bankAccountName: text('bank_account_name'),
    bankName: text('bank_name'),
    bankAccountNo: text('bank_account_no'),
    // 统计用区划代码: 12 digits, the village's own where it is in the national list,
    // else its township's (9 digits) padded with 000. Null for villages entered before.
    divisionCode: text('division_code'),
    // The village collective (村股份经济合作社) that sells and is paid: its legal
    // name and 统一社会信用代码 (GB 32100, check character validated).
    collectiveName: text('collective_name'),
    creditCode: text('credit_code').unique(),
    // Paused by an admin: its products leave the shelf; its orders and reports stay.
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('villages_shipping_fee_nonnegative', sql`${t.shippingFeeFen} >= 0`),
    check('villages_free_over_positive', sql`${t.freeShippingOverFen} IS NULL OR ${t.freeShippingOverFen} > 0`),
    check('villages_division_code_format', sql`${t.divisionCode} IS NULL OR ${t.divisionCode} ~ '^[0-9]{12}$'`),
  ],
);

export const producers = pgTable(
  'producers',
  {
    id: serial('id').primaryKey(),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    kind: producerKind('kind').notNull(),
    // Full name. Sensitive for households: public pages show maskName(name) only.
    name: text('name').notNull(),
    nameEn: text('name_en'),
    // 脱贫户 / 监测户 flags are sensitive and never shown publicly.
    isLifted: boolean('is_lifted').notNull().default(false),
    isMonitored: boolean('is_monitored').notNull().default(false),
    // Cooperatives, family farms and enterprises: their 统一社会信用代码.
    creditCode: text('credit_code'),
    // A household's consent to be listed: who gave it, on which day, how; and who recorded it.
    consentBy: text('consent_by'),
    consentOn: date('consent_on', { mode: 'string' }),
    consentMethod: consentMethod('consent_method'),
    consentRecordedBy: integer('consent_recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('producers_village_name_uq').on(t.villageId, t.name),
    check('producers_flags_household_only', sql`${t.kind} = 'household' OR NOT (${t.isLifted} OR ${t.isMonitored})`),
  ],
);

export const categories = pgTable('categories', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  // Food is compared per 斤 by shoppers; a broom's price per 斤 means nothing.
  comparePerJin: boolean('compare_per_jin').notNull().default(true),
  // Fresh produce (fruit, eggs, fish) spoils: villages may refuse to ship it far.
  perishable: boolean('perishable').notNull().default(false),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const products = pgTable(
  'products',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    producerId: integer('producer_id')
      .notNull()
      .references(() => producers.id),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    summary: text('summary').notNull().default(''),
    summaryEn: text('summary_en').notNull().default(''),
    description: text('description').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    status: productStatus('status').notNull().default('active'),
    featured: boolean('featured').notNull().default(false),
    origin: text('origin').notNull().default(''),
    grade: text('grade').notNull().default(''),
    // Review: why it went back to draft (shown to the manager), and who decided when.
    reviewNote: text('review_note'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: integer('reviewed_by'),
    // An on-sale product's edited name, texts, category or producer wait here for review while
    // the approved version stays on sale; approving applies them. Null: nothing waiting.
    pendingChanges: jsonb('pending_changes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('products_village_idx').on(t.villageId), index('products_category_idx').on(t.categoryId)],
);

export const productVariants = pgTable(
  'product_variants',
  {
    id: serial('id').primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    priceFen: integer('price_fen').notNull(),
    saleUnit: saleUnit('sale_unit').notNull(),
    netGrams: integer('net_grams'),
    // Stock is counted in three places that always add up to what the village
    // has had: `stock` can still be bought, `reserved` is held by orders waiting
    // for payment, `sold` is paid for. Moves between them are single UPDATEs with
    // the condition in the WHERE clause, so concurrent checkouts never oversell.
    stock: integer('stock').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    sold: integer('sold').notNull().default(0),
    // Pre-sale (预售): orderable now, ships from this date; stock is the harvest batch's.
    presaleShipsFrom: date('presale_ships_from', { mode: 'string' }),
    harvestBatch: text('harvest_batch'),
    minQuantity: integer('min_quantity').notNull().default(1),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    index('product_variants_product_idx').on(t.productId),
    check('product_variants_price_positive', sql`${t.priceFen} > 0`),
    check('product_variants_stock_nonnegative', sql`${t.stock} >= 0`),
    check('product_variants_reserved_nonnegative', sql`${t.reserved} >= 0`),
    check('product_variants_sold_nonnegative', sql`${t.sold} >= 0`),
    check('product_variants_grams_positive', sql`${t.netGrams} IS NULL OR ${t.netGrams} > 0`),
    check('product_variants_min_qty_positive', sql`${t.minQuantity} >= 1`),
  ],
);

// Bulk tier prices: from minQuantity units on, each unit costs priceFen.
export const priceTiers = pgTable(
  'price_tiers',
  {
    id: serial('id').primaryKey(),
    variantId: integer('variant_id')
      .notNull()
      .references(() => productVariants.id, { onDelete: 'cascade' }),
    minQuantity: integer('min_quantity').notNull(),
    priceFen: integer('price_fen').notNull(),
  },
  (t) => [
    unique('price_tiers_variant_min_uq').on(t.variantId, t.minQuantity),
    check('price_tiers_min_qty', sql`${t.minQuantity} >= 2`),
    check('price_tiers_price_positive', sql`${t.priceFen} > 0`),
  ],
);

export const productImages = pgTable(
  'product_images',
  {
    id: serial('id').primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    alt: text('alt').notNull(),
    altEn: text('alt_en').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('product_images_product_idx').on(t.productId)],
);

export const productCredentials = pgTable(
  'product_credentials',
  {
    id: serial('id').primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    kind: credentialKind('kind').notNull(),
    certificateNo: text('certificate_no').notNull(),
    issuer: text('issuer').notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    // The certificate's scan (an image or PDF under UPLOAD_DIR/credentials/), shown to the
    // village's managers and admins; the shop shows the credential's words while it is valid.
    scanPath: text('scan_path'),
  },
  (t) => [unique('product_credentials_product_kind_uq').on(t.productId, t.kind)],
);

// Every price a variant has had: the manager's change applies at once, and the admin
// sees the steep rises (more than 20% within 30 days).
export const priceChanges = pgTable(
  'price_changes',
  {
    id: serial('id').primaryKey(),
    variantId: integer('variant_id')
      .notNull()
      .references(() => productVariants.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    oldPriceFen: integer('old_price_fen').notNull(),
    newPriceFen: integer('new_price_fen').notNull(),
    changedBy: integer('changed_by'),
  },
  (t) => [index('price_changes_variant_idx').on(t.variantId, t.at)],
);
