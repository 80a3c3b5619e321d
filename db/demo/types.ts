// Shapes of the demo catalogue. The seed (db/seed.ts) turns these into rows
// through the same factories the tests use (tests/factories/catalog.ts).

export type ProducerKind = 'household' | 'cooperative' | 'family_farm' | 'collective_enterprise';
export type SaleUnit = 'jin' | 'box' | 'case' | 'bundle' | 'bag' | 'piece' | 'bottle';
export type CredentialKind =
  | 'poverty_alleviation' // 扶贫产品认定
  | 'geographical_indication' // 地理标志
  | 'green_food' // 绿色食品
  | 'organic'; // 有机产品

export interface DemoCategory {
  slug: string; // 'fresh-fruit'
  name: string; // 鲜果
  nameEn: string; // Fresh fruit
  comparePerJin?: boolean; // default true; false for handicrafts
  perishable?: boolean; // fresh produce: some villages do not ship it far
}

export interface DemoProducer {
  key: string; // referenced by products of the same village
  kind: ProducerKind;
  name: string; // full name; households are masked (张某某) on public pages
  nameEn?: string; // cooperatives, farms and enterprises only
  lifted?: boolean; // 脱贫户 (households only)
  monitored?: boolean; // 监测户 (households only)
}

export interface DemoTier {
  minQuantity: number;
  priceFen: number; // integer 分
}

export interface DemoVariant {
  sku: string; // unique, upper-case ASCII, e.g. 'MY-PEACH-CRISP-5J-A'
  name: string; // 5斤装·特级果(单果250g以上)
  nameEn: string;
  priceFen: number; // integer 分
  saleUnit: SaleUnit;
  netGrams?: number; // net weight of one sale unit, grams (5斤 = 2500)
  stock: number;
  presaleMonthDay?: string; // 'MM-DD': pre-sale, ships from the next such date
  harvestBatch?: string; // 2027年头茬
  minQuantity?: number;
  tiers?: DemoTier[];
}

export interface DemoCredential {
  kind: CredentialKind;
  certificateNo: string;
  issuer: string;
}

export interface DemoProduct {
  slug: string;
  category: string; // DemoCategory.slug
  producer: string; // DemoProducer.key
  name: string;
  nameEn: string;
  summary: string;
  summaryEn: string;
  description: string;
  descriptionEn: string;
  image: string; // file name under public/images/products/
  featured?: boolean;
  credentials?: DemoCredential[];
  variants: DemoVariant[];
}

export interface DemoVillage {
  slug: string;
  name: string; // 桃源村
  nameEn: string; // Taoyuan Village
  province: string;
  provinceEn: string;
  city: string;
  county: string;
  township: string;
  story: string; // 2–4 sentences
  storyEn: string;
  image: string; // file name under public/images/villages/
  producers: DemoProducer[];
  products: DemoProduct[];
}
