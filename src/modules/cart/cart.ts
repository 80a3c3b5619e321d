// Cart arithmetic and checks (pure). Money in integer 分; sums are bigint.
import { z } from 'zod';
import { isPresale, unitPriceFen, type Tier } from '../catalog/catalog.ts';

export const MAX_LINE_QUANTITY = 9999;
export const MAX_CART_LINES = 50;

// Row ids are PostgreSQL `integer`: a larger number is no id (and would fail in the query, as a 500).
const id = z.coerce.number({ error: 'invalid' }).int().positive({ error: 'invalid' }).max(2_147_483_647, { error: 'invalid' });
const quantity = z.coerce
  .number({ error: 'quantity_invalid' })
  .int({ error: 'quantity_invalid' })
  .min(1, { error: 'quantity_invalid' })
  .max(MAX_LINE_QUANTITY, { error: 'quantity_invalid' });

export const AddToCartSchema = z.object({ variantId: id, quantity });
export const SetQuantitySchema = z.object({
  variantId: id,
  quantity: z.coerce
    .number({ error: 'quantity_invalid' })
    .int({ error: 'quantity_invalid' })
    .min(0, { error: 'quantity_invalid' })
    .max(MAX_LINE_QUANTITY, { error: 'quantity_invalid' }),
});
export const RemoveFromCartSchema = z.object({ variantId: id });

export interface CartLineFacts {
  variantId: number;
  quantity: number;
  priceFen: number;
  tiers: readonly Tier[];
  stock: number;
  minQuantity: number;
  presaleShipsFrom: string | null;
  available: boolean; // product active
  villageId: number;
}

export type LineProblem = 'unavailable' | 'insufficient_stock' | 'below_minimum';

export interface PricedLine {
  unitPriceFen: number;
  totalFen: bigint;
  presale: boolean;
  problem: LineProblem | null;
}

export function priceLine(line: CartLineFacts, today: string): PricedLine {
  const unit = unitPriceFen(line.priceFen, line.tiers, line.quantity);
  let problem: LineProblem | null = null;
  if (!line.available) problem = 'unavailable';
  else if (line.quantity > line.stock) problem = 'insufficient_stock';
  else if (line.quantity < line.minQuantity) problem = 'below_minimum';
  return { unitPriceFen: unit, totalFen: BigInt(unit) * BigInt(line.quantity), presale: isPresale(line.presaleShipsFrom, today), problem };
}

export interface VillageGroup<L> {
  villageId: number;
  lines: (L & PricedLine)[];
  subtotalFen: bigint;
}

/** Lines grouped by village (each village ships its own parcel), with sub-totals and the total. */
export function summarise<L extends CartLineFacts>(lines: L[], today: string) {
  const groups = new Map<number, VillageGroup<L>>();
  let totalFen = 0n;
  let units = 0;
  for (const line of lines) {
    const priced = { ...line, ...priceLine(line, today) };
    const group = groups.get(line.villageId) ?? { villageId: line.villageId, lines: [], subtotalFen: 0n };
    group.lines.push(priced);
    group.subtotalFen += priced.totalFen;
    groups.set(line.villageId, group);
    totalFen += priced.totalFen;
    units += line.quantity;
  }
  const groupList = [...groups.values()];
  return { groups: groupList, totalFen, units, hasProblems: groupList.some((g) => g.lines.some((l) => l.problem !== null)) };
}
