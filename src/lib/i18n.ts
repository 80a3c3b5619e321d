// UI strings live in these two dictionaries; pages never hard-code copy.
// Chinese is served at /, English under /en/.

export type Locale = 'zh' | 'en';
export const locales: Locale[] = ['zh', 'en'];

const zh = {
  siteName: '帮扶集市',
  tagline: '买村里的好东西，帮村里的好日子',
  metaDescription: '帮扶集市：脱贫村的鲜果、茶叶、粮油、禽蛋与手工制品，产地直发，每一笔消费都计入村里的帮扶台账。',
  skipToContent: '跳到正文',
  navHome: '首页',
  mainNav: '主导航',
  navProducts: '全部商品',
  navVillages: '帮扶村',
  searchLabel: '搜索商品',
  searchPlaceholder: '搜桃子、茶叶、扫帚…',
  searchButton: '搜索',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch to English',
  heroTitle: '从村里来的好物',
  heroText: '脆桃、茶叶、大蒜、土鸡蛋、高粱扫帚……都由脱贫村的农户、合作社和村集体生产，产地直发。您的每一笔消费，都会计入村里的消费帮扶台账。',
  heroCta: '逛逛全部商品',
  heroCtaVillages: '认识这些村',
  presaleTitle: '当季预售',
  presaleText: '按采收批次备货，到期从产地发出。',
  featuredTitle: '精选好物',
  villagesTitle: '帮扶村',
  villagesText: '每个村都有自己的故事和拿手的东西。',
  categoriesTitle: '按品类逛',
  viewAll: '查看全部',
  productsTitle: '全部商品',
  productsDescription: '按品类、产地、库存和预售筛选脱贫村的农副产品。',
  searchResultsFor: '“{q}”的搜索结果',
  filterCategory: '品类',
  filterProvince: '省份',
  filterVillage: '村',
  filterAll: '全部',
  filterInStock: '只看有货',
  filterPresale: '只看预售',
  filterSubmit: '筛选',
  filterReset: '清除筛选',
  sortLabel: '排序',
  sortRecommended: '推荐',
  sortPriceAsc: '价格从低到高',
  sortPriceDesc: '价格从高到低',
  sortNewest: '最新上架',
  resultCount: '共 {n} 件商品',
  noResults: '没有找到符合条件的商品。',
  noResultsHint: '换个关键词试试，或者清除筛选条件。',
  pagination: '分页',
  prevPage: '上一页',
  nextPage: '下一页',
  pageN: '第 {n} 页',
  priceFrom: '{price} 起',
  perJin: '约 {price}/斤',
  presaleBadge: '预售',
  presaleShips: '{date}起发货',
  soldOut: '已售罄',
  inStock: '有货',
  stockLeft: '库存 {n}',
  variantsTitle: '规格与价格',
  variantName: '规格',
  variantPrice: '价格',
  variantPerJin: '折合每斤',
  variantStock: '库存',
  variantNet: '净重',
  variantMin: '起订 {n}',
  harvestBatch: '批次：{batch}',
  tierTitle: '批量价',
  tierFrom: '{n}{unit}起 {price}/{unit}',
  traceTitle: '产地溯源',
  traceProducer: '生产者',
  traceVillage: '所在村',
  traceAddress: '产地',
  credentialsTitle: '认证信息',
  credentialIssuer: '发证机构',
  credentialNo: '证书编号',
  moreFromVillage: '{village}的其他商品',
  breadcrumb: '当前位置',
  villageProducers: '村里的生产者',
  villageProducts: '在售商品',
  villageNoProducts: '这个村暂时没有在售商品。',
  villageProductCount: '{n} 件在售商品',
  villagesIndexDescription: '认识帮扶集市上的脱贫村：它们的故事、生产者和拿手的农副产品。',
  notFoundTitle: '页面没有找到',
  notFoundText: '您要找的页面不存在，可能已下架或地址有误。',
  notFoundHome: '回到首页',
  notFoundProducts: '逛逛全部商品',
  footerAbout: '帮扶集市是面向消费帮扶的开源商城：脱贫村的产品直接卖给个人与帮扶单位，每一笔销售都记入帮扶台账。',
  footerNote: '演示站点，数据为示例。',
  household: '农户',
  cooperative: '合作社',
  family_farm: '家庭农场',
  collective_enterprise: '村集体企业',
  credential_poverty_alleviation: '扶贫产品认定',
  credential_geographical_indication: '农产品地理标志',
  credential_green_food: '绿色食品',
  credential_organic: '有机产品',
  unit_jin: '斤',
  unit_box: '盒',
  unit_case: '箱',
  unit_bundle: '把',
  unit_bag: '袋',
  unit_piece: '只',
  unit_bottle: '瓶',
};

export type Messages = typeof zh;

const en: Messages = {
  siteName: 'Bangfu Market',
  tagline: 'Good things from villages, a better life for them',
  metaDescription:
    "Bangfu Market: fruit, tea, grain, eggs and handicrafts from villages that recently left poverty, shipped from the source; every purchase is counted in the village's assistance ledger.",
  skipToContent: 'Skip to content',
  navHome: 'Home',
  mainNav: 'Main',
  navProducts: 'All products',
  navVillages: 'Villages',
  searchLabel: 'Search products',
  searchPlaceholder: 'Peaches, tea, brooms…',
  searchButton: 'Search',
  switchLanguage: '中文',
  switchLanguageLabel: '切换到中文',
  heroTitle: 'Good things from the village',
  heroText:
    'Crisp peaches, tea, garlic, free-range eggs, sorghum brooms — grown and made by households, cooperatives and village enterprises in villages that recently left poverty, shipped from the source. Every purchase counts towards the village’s assistance ledger.',
  heroCta: 'Browse all products',
  heroCtaVillages: 'Meet the villages',
  presaleTitle: 'Harvest pre-sales',
  presaleText: 'Stocked by harvest batch, shipped from the village when ripe.',
  featuredTitle: 'Featured',
  villagesTitle: 'Villages',
  villagesText: 'Each village has its own story and its own speciality.',
  categoriesTitle: 'Shop by category',
  viewAll: 'View all',
  productsTitle: 'All products',
  productsDescription: 'Filter village produce by category, origin, stock and pre-sale.',
  searchResultsFor: 'Results for “{q}”',
  filterCategory: 'Category',
  filterProvince: 'Province',
  filterVillage: 'Village',
  filterAll: 'All',
  filterInStock: 'In stock only',
  filterPresale: 'Pre-sale only',
  filterSubmit: 'Apply',
  filterReset: 'Clear filters',
  sortLabel: 'Sort by',
  sortRecommended: 'Recommended',
  sortPriceAsc: 'Price: low to high',
  sortPriceDesc: 'Price: high to low',
  sortNewest: 'Newest',
  resultCount: '{n} products',
  noResults: 'No products match.',
  noResultsHint: 'Try another word, or clear the filters.',
  pagination: 'Pagination',
  prevPage: 'Previous',
  nextPage: 'Next',
  pageN: 'Page {n}',
  priceFrom: 'from {price}',
  perJin: '≈ {price}/jin',
  presaleBadge: 'Pre-sale',
  presaleShips: 'ships from {date}',
  soldOut: 'Sold out',
  inStock: 'In stock',
  stockLeft: '{n} in stock',
  variantsTitle: 'Options and prices',
  variantName: 'Option',
  variantPrice: 'Price',
  variantPerJin: 'Per jin (500 g)',
  variantStock: 'Stock',
  variantNet: 'Net weight',
  variantMin: 'min. {n}',
  harvestBatch: 'Batch: {batch}',
  tierTitle: 'Bulk prices',
  tierFrom: '{n}+ {unit}: {price} each',
  traceTitle: 'Where it comes from',
  traceProducer: 'Producer',
  traceVillage: 'Village',
  traceAddress: 'Origin',
  credentialsTitle: 'Certifications',
  credentialIssuer: 'Issued by',
  credentialNo: 'Certificate no.',
  moreFromVillage: 'More from {village}',
  breadcrumb: 'Breadcrumb',
  villageProducers: 'Producers',
  villageProducts: 'On sale',
  villageNoProducts: 'Nothing from this village is on sale right now.',
  villageProductCount: '{n} products on sale',
  villagesIndexDescription: 'Meet the villages on Bangfu Market: their stories, their producers and what they grow and make.',
  notFoundTitle: 'Page not found',
  notFoundText: 'The page you are looking for does not exist; it may have been removed or the address is wrong.',
  notFoundHome: 'Back to the home page',
  notFoundProducts: 'Browse all products',
  footerAbout:
    'Bangfu Market is an open-source store for consumption assistance: villages sell directly to people and partner organisations, and every sale is recorded in the assistance ledger.',
  footerNote: 'Demo site with sample data.',
  household: 'Household',
  cooperative: 'Cooperative',
  family_farm: 'Family farm',
  collective_enterprise: 'Village collective enterprise',
  credential_poverty_alleviation: 'Certified poverty-alleviation product',
  credential_geographical_indication: 'Geographical indication',
  credential_green_food: 'Green Food',
  credential_organic: 'Organic',
  unit_jin: 'jin',
  unit_box: 'box',
  unit_case: 'case',
  unit_bundle: 'broom',
  unit_bag: 'bag',
  unit_piece: 'piece',
  unit_bottle: 'bottle',
};

const dictionaries: Record<Locale, Messages> = { zh, en };

export function messages(locale: Locale): Messages {
  return dictionaries[locale];
}

/** Fill {name} placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

export function localeFromPath(pathname: string): Locale {
  return pathname === '/en' || pathname.startsWith('/en/') ? 'en' : 'zh';
}

/** '/products' → '/en/products' for English; unchanged for Chinese. */
export function localePath(locale: Locale, path: string): string {
  if (locale === 'zh') return path;
  return path === '/' ? '/en/' : `/en${path}`;
}

/** The same page in the other language (path and query kept). */
export function pathWithoutLocale(pathname: string): string {
  if (pathname === '/en' || pathname === '/en/') return '/';
  return pathname.startsWith('/en/') ? pathname.slice(3) : pathname;
}

export const htmlLang: Record<Locale, string> = { zh: 'zh-CN', en: 'en' };

/** Pick the field for the locale, falling back to Chinese when English is empty. */
export function pick(locale: Locale, zhText: string, enText: string | null | undefined): string {
  return locale === 'en' && enText ? enText : zhText;
}
