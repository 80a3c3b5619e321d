// What the product form shows (pure): after a refused save, exactly what was typed (every
// row); otherwise the product as stored, prices back in yuan and tiers as "quantity price" lines.
import { fenToYuanInput } from '../../lib/money.ts';

export interface FormRow {
  id: string;
  name: string;
  unit: string;
  grams: string;
  price: string;
  min: string;
  stock: string;
  tiers: string;
  existing: boolean;
}

const FIELDS = ['name', 'nameEn', 'categoryId', 'producerId', 'summary', 'description', 'origin', 'grade', 'harvestBatch', 'presaleShipsFrom'] as const;

export function typedForm(values: Record<string, string>, lists: Record<string, string[]>) {
  const form: Record<string, string> = {};
  for (const f of FIELDS) form[f] = values[f] ?? '';
  const col = (k: string) => lists[k] ?? [];
  const rows: FormRow[] = col('variantName').map((name, i) => ({
    id: col('variantId')[i] ?? '',
    name,
    unit: col('variantUnit')[i] ?? 'jin',
    grams: col('variantGrams')[i] ?? '',
    price: col('variantPrice')[i] ?? '',
    min: col('variantMin')[i] ?? '1',
    stock: col('variantStock')[i] ?? '',
    tiers: col('variantTiers')[i] ?? '',
    existing: Boolean(col('variantId')[i]),
  }));
  return { form, rows };
}

interface StoredProduct {
  name: string;
  nameEn: string;
  categoryId: number;
  producerId: number;
  summary: string;
  description: string;
  origin: string;
  grade: string;
}
interface StoredVariant {
  id: number;
  name: string;
  saleUnit: string;
  netGrams: number | null;
  priceFen: number;
  minQuantity: number;
  stock: number;
  harvestBatch: string | null;
  presaleShipsFrom: string | null;
  tiers: { minQuantity: number; priceFen: number }[];
}

export function storedForm(product: StoredProduct, variants: StoredVariant[]) {
  const form: Record<string, string> = {
    name: product.name,
    nameEn: product.nameEn === product.name ? '' : product.nameEn,
    categoryId: String(product.categoryId),
    producerId: String(product.producerId),
    summary: product.summary,
    description: product.description,
    origin: product.origin,
    grade: product.grade,
    harvestBatch: variants[0]?.harvestBatch ?? '',
    presaleShipsFrom: variants[0]?.presaleShipsFrom ?? '',
  };
  const rows: FormRow[] = variants.map((v) => ({
    id: String(v.id),
    name: v.name,
    unit: v.saleUnit,
    grams: v.netGrams === null ? '' : String(v.netGrams),
    price: fenToYuanInput(v.priceFen),
    min: String(v.minQuantity),
    stock: String(v.stock),
    tiers: v.tiers.map((t) => `${t.minQuantity} ${fenToYuanInput(t.priceFen)}`).join('\n'),
    existing: true,
  }));
  return { form, rows };
}
