// What a village manager enters to list producers and products (pure): one schema per
// form, error messages as `errors` dictionary keys. Money in 分 from yuan as typed; weight
// in grams; tier prices as lines of "quantity price".
import { z } from 'zod';
import { normaliseCreditCode } from '../../lib/credit-code.ts';
import { idField, optionalText, requiredText } from '../../lib/fields.ts';
import { parseYuan } from '../../lib/money.ts';
import { cleanText } from '../../lib/text.ts';

export const producerKinds = ['household', 'cooperative', 'family_farm', 'collective_enterprise'] as const;
export const consentMethods = ['written', 'recorded_verbal', 'electronic'] as const;
export const saleUnits = ['jin', 'box', 'case', 'bundle', 'bag', 'piece', 'bottle'] as const;
export const MAX_VARIANTS = 10;
export const MAX_TIERS = 5;

const id = idField;
const text = requiredText;
const date = /^\d{4}-\d{2}-\d{2}$/;
const optionalDate = z
  .string()
  .nullish()
  .transform((v) => (v ?? '').trim())
  .pipe(z.string().refine((v) => v === '' || (date.test(v) && !Number.isNaN(Date.parse(v))), { error: 'listing_date_invalid' }));
const flag = z
  .string()
  .nullish()
  .transform((v) => v === 'on' || v === 'true');

export const ProducerSchema = z
  .object({
    villageId: id,
    producerId: z.union([id, z.literal('').transform(() => null)]).nullish(),
    kind: z.enum(producerKinds, { error: 'producer_kind_invalid' }),
    name: text(40),
    isLifted: flag,
    isMonitored: flag,
    creditCode: optionalText(18),
    consentBy: optionalText(40),
    consentOn: optionalDate,
    consentMethod: z.union([z.enum(consentMethods), z.literal('')], { error: 'invalid' }).nullish(),
  })
  .transform((v, ctx) => {
    const household = v.kind === 'household';
    let creditCode: string | null = null;
    if (!household) {
      creditCode = normaliseCreditCode(v.creditCode);
      if (!creditCode) ctx.addIssue({ code: 'custom', path: ['creditCode'], message: 'credit_code_invalid' });
    }
    if (household) {
      // Consent before a household is listed, even with its name masked: who, when, how.
      if (!v.consentBy) ctx.addIssue({ code: 'custom', path: ['consentBy'], message: 'consent_required' });
      if (!v.consentOn) ctx.addIssue({ code: 'custom', path: ['consentOn'], message: 'consent_required' });
      if (!v.consentMethod) ctx.addIssue({ code: 'custom', path: ['consentMethod'], message: 'consent_required' });
    }
    return {
      villageId: v.villageId,
      producerId: v.producerId ?? null,
      kind: v.kind,
      name: v.name,
      // 脱贫户/监测户 are households' flags only.
      isLifted: household && v.isLifted,
      isMonitored: household && v.isMonitored,
      creditCode,
      consentBy: household ? v.consentBy : null,
      consentOn: household ? v.consentOn || null : null,
      consentMethod: household ? v.consentMethod || null : null,
    };
  });
export type ProducerInput = z.infer<typeof ProducerSchema>;

export interface TierInput {
  minQuantity: number;
  priceFen: number;
}
export interface VariantInput {
  variantId: number | null;
  name: string;
  saleUnit: (typeof saleUnits)[number];
  netGrams: number | null;
  priceFen: number;
  minQuantity: number;
  stock: number;
  tiers: TierInput[];
}

/** "10 28.00" per line (from 10 units on, ¥28.00 each); null when a line is not that. */
export function parseTiers(textValue: string): TierInput[] | null {
  const tiers: TierInput[] = [];
  for (const line of textValue
    .split(/[\n;；,，、]+/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,6})\s*[件个斤盒箱把袋只瓶]?\s*[:：=\s]\s*[¥￥]?\s*(\d{1,9}(?:\.\d{1,2})?)\s*元?$/.exec(line);
    const fen = m ? parseYuan(m[2]) : null;
    if (!m || fen === null || fen <= 0n || fen > 99_999_999n || Number(m[1]) < 2) return null;
    tiers.push({ minQuantity: Number(m[1]), priceFen: Number(fen) });
  }
  const quantities = tiers.map((t) => t.minQuantity);
  if (new Set(quantities).size !== quantities.length || tiers.length > MAX_TIERS) return null;
  return tiers.sort((a, b) => a.minQuantity - b.minQuantity);
}

const list = z
  .array(z.string().max(2000, { error: 'too_long' }))
  .max(MAX_VARIANTS, { error: 'too_many_variants' })
  .default([]);

export const ProductSchema = z
  .object({
    villageId: id,
    productId: z.union([id, z.literal('').transform(() => null)]).nullish(),
    producerId: id,
    categoryId: id,
    name: text(40),
    nameEn: optionalText(80),
    summary: optionalText(120),
    description: optionalText(4000),
    origin: optionalText(60),
    grade: optionalText(30),
    harvestBatch: optionalText(40),
    presaleShipsFrom: optionalDate,
    variantId: list,
    variantName: list,
    variantUnit: list,
    variantGrams: list,
    variantPrice: list,
    variantMin: list,
    variantStock: list,
    variantTiers: list,
  })
  .transform((v, ctx) => {
    const variants: VariantInput[] = [];
    const rows = Math.max(v.variantName.length, v.variantPrice.length);
    for (let i = 0; i < rows; i++) {
      const at = (a: string[]) => cleanText(a[i] ?? '').trim();
      const fields = [at(v.variantName), at(v.variantGrams), at(v.variantPrice), at(v.variantStock), at(v.variantTiers)];
      // A row left blank is no variant (the form always offers one more row).
      if (fields.every((f) => f === '') && !at(v.variantId)) continue;
      const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [`${field}.${i}`], message });
      const name = at(v.variantName);
      if (!name || name.length > 40) issue('variantName', name ? 'too_long' : 'required');
      const saleUnit = at(v.variantUnit) as VariantInput['saleUnit'];
      if (!(saleUnits as readonly string[]).includes(saleUnit)) issue('variantUnit', 'invalid');
      const grams = at(v.variantGrams);
      if (grams && !/^\d{1,7}$/.test(grams)) issue('variantGrams', 'grams_invalid');
      const price = parseYuan(at(v.variantPrice));
      if (price === null || price <= 0n || price > 99_999_999n) issue('variantPrice', 'variant_price_invalid');
      const min = at(v.variantMin) || '1';
      if (!/^\d{1,6}$/.test(min) || Number(min) < 1) issue('variantMin', 'whole_number_invalid');
      const stock = at(v.variantStock) || '0';
      if (!/^\d{1,7}$/.test(stock)) issue('variantStock', 'whole_number_invalid');
      const tiers = parseTiers(at(v.variantTiers));
      if (!tiers) issue('variantTiers', 'tiers_invalid');
      const variantId = at(v.variantId);
      variants.push({
        variantId: /^\d{1,9}$/.test(variantId) ? Number(variantId) : null,
        name,
        saleUnit,
        netGrams: grams && Number(grams) > 0 ? Number(grams) : null,
        priceFen: Number(price ?? 0n),
        minQuantity: Number(min),
        stock: Number(stock),
        tiers: tiers ?? [],
      });
    }
    if (variants.length === 0) ctx.addIssue({ code: 'custom', path: ['variantName.0'], message: 'variant_required' });
    const { variantId: _i, variantName: _n, variantUnit: _u, variantGrams: _g, variantPrice: _p, variantMin: _m, variantStock: _s, variantTiers: _t, ...product } = v;
    return { ...product, productId: v.productId ?? null, presaleShipsFrom: v.presaleShipsFrom || null, variants };
  });
export type ProductInput = z.infer<typeof ProductSchema>;

export const ProductIdSchema = z.object({ productId: id });
export const RejectProductSchema = z.object({
  productId: id,
  reason: z
    .string({ error: 'reason_required' })
    .transform((v) => cleanText(v).trim())
    .pipe(z.string().min(1, { error: 'reason_required' }).max(300, { error: 'too_long' })),
});
export type RejectProduct = z.infer<typeof RejectProductSchema>;

/** A variant's price went up by more than a fifth: the admin looks at it (bait-and-switch after approval). */
export function isSteepRise(oldFen: number, newFen: number): boolean {
  return newFen * 5 > oldFen * 6;
}

export const credentialKinds = ['poverty_alleviation', 'geographical_indication', 'green_food', 'organic', 'sc_licence'] as const;

/** A credential of a product: what it is, its number, who issued it, until when, and a scan (image or PDF). */
export const CredentialSchema = z.object({
  villageId: id,
  productId: id,
  kind: z.enum(credentialKinds, { error: 'credential_kind_invalid' }),
  certificateNo: text(60),
  issuer: text(60),
  validUntil: optionalDate,
  scan: z
    .array(z.instanceof(File, { error: 'file_invalid' }))
    .max(1, { error: 'file_invalid' })
    .default([]),
});
export type CredentialInput = z.infer<typeof CredentialSchema>;

export const RemoveCredentialSchema = z.object({ villageId: id, productId: id, credentialId: id });
