// Pure catalogue rules: listing query parsing, name masking, tier pricing,
// pre-sale state. No I/O here; see catalog.server.ts for queries.
import { z } from 'zod';
import { cleanText } from '../../lib/text.ts';

export const PAGE_SIZE = 12;
/** The units goods are sold in (斤, box, case…): a variant's, a quote line's, a 帮助销售 record's. */
export const SALE_UNITS = ['jin', 'box', 'case', 'bundle', 'bag', 'piece', 'bottle'] as const;
export const sortOptions = ['recommended', 'price_asc', 'price_desc', 'newest'] as const;
export type Sort = (typeof sortOptions)[number];

const slugParam = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,80}$/)
  .optional()
  .catch(undefined);
const flag = z
  .string()
  .optional()
  .transform((v) => v === '1' || v === 'on' || v === 'true')
  .catch(false);

// Listing filters come from a GET query string that anyone can edit, so every
// field falls back to its default instead of failing: a bad `page=abc` shows page 1.
export const ProductQuerySchema = z.object({
  q: z
    .string()
    .optional()
    .transform((v) =>
      cleanText(v ?? '')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 50),
    )
    .catch(''),
  category: slugParam,
  village: slugParam,
  province: z.string().transform(cleanText).pipe(z.string().trim().min(1).max(20)).optional().catch(undefined),
  inStock: flag,
  presale: flag,
  sort: z.enum(sortOptions).optional().default('recommended').catch('recommended'),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1).catch(1),
});
export type ProductQuery = z.infer<typeof ProductQuerySchema>;

export function parseProductQuery(params: URLSearchParams): ProductQuery {
  const raw: Record<string, string> = {};
  for (const key of ['q', 'category', 'village', 'province', 'inStock', 'presale', 'sort', 'page']) {
    const value = params.get(key);
    if (value !== null && value !== '') raw[key] = value;
  }
  return ProductQuerySchema.parse(raw);
}

/** Query string for a listing URL, leaving out defaults; `page` 1 is omitted. */
export function productQueryString(query: Partial<ProductQuery>): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.category) params.set('category', query.category);
  if (query.province) params.set('province', query.province);
  if (query.village) params.set('village', query.village);
  if (query.inStock) params.set('inStock', '1');
  if (query.presale) params.set('presale', '1');
  if (query.sort && query.sort !== 'recommended') params.set('sort', query.sort);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** Escape LIKE wildcards so a search for "100%" matches the text literally. */
export { escapeLike } from '../../lib/text.ts';

const compoundSurnames = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐', '端木'];

/**
 * A household's name as public pages show it: the surname and 某 for each
 * other character (张守义 → 张某某, 李芳 → 李某, 欧阳明月 → 欧阳某某).
 */
export function maskName(fullName: string): string {
  const name = fullName.trim();
  const chars = [...name];
  if (chars.length === 0) return '';
  const surname = compoundSurnames.find((s) => name.startsWith(s) && chars.length > 2) ?? chars[0];
  const rest = Math.max(1, Math.min(2, chars.length - [...surname].length));
  return surname + '某'.repeat(rest);
}

export interface ProducerLike {
  kind: 'household' | 'cooperative' | 'family_farm' | 'collective_enterprise';
  name: string;
  nameEn: string | null;
}

/** The producer name safe for public pages: households are always masked. */
export function publicProducerName(producer: ProducerLike, locale: 'zh' | 'en'): string {
  if (producer.kind === 'household') return maskName(producer.name);
  return locale === 'en' && producer.nameEn ? producer.nameEn : producer.name;
}

export interface Tier {
  minQuantity: number;
  priceFen: number;
}

/** Unit price for a quantity: the tier with the highest threshold reached, else the list price. */
export function unitPriceFen(listPriceFen: number, tiers: readonly Tier[], quantity: number): number {
  let price = listPriceFen;
  let reached = 0;
  for (const tier of tiers) {
    if (quantity >= tier.minQuantity && tier.minQuantity > reached) {
      reached = tier.minQuantity;
      price = tier.priceFen;
    }
  }
  return price;
}

/** A variant is on pre-sale while its ship-from date is after today (both YYYY-MM-DD, Asia/Shanghai). */
export function isPresale(presaleShipsFrom: string | null, today: string): boolean {
  return presaleShipsFrom !== null && presaleShipsFrom > today;
}
