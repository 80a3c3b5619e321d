// 团购接龙 (staff group orders), the parts that need no database: the inputs,
// the opening rules, the price at closing and the per-person split list.
// Money is integer 分, sums bigint; `now` is always passed in.
import { z } from 'zod';
import { id, list, qty, text } from './fields.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { unitPriceFen, type Tier } from '../catalog/catalog.ts';
import { isCalendarDate, addDays } from './schedule.ts';
import type { RefusalKey } from '../../lib/errors.ts';

/** At most this many products per group order, and days between opening and closing / closing and delivery. */
export const MAX_GROUP_ITEMS = 20;
export const MAX_OPEN_DAYS = 60;
export const MAX_DELIVERY_DAYS_AFTER_CLOSE = 60;
export const MAX_PERSON_QUANTITY = 10_000;

const token = z.string({ error: 'invalid' }).regex(/^[A-Za-z0-9_-]{16,64}$/, { error: 'invalid' });

/** A `datetime-local` value (YYYY-MM-DDTHH:mm), read as Asia/Shanghai time; null when it is not one. */
export function shanghaiInstant(value: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/.exec(value.trim());
  if (!m || !isCalendarDate(m[1]) || Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  return new Date(`${m[1]}T${m[2]}:${m[3]}:00+08:00`);
}

/** An instant as the `datetime-local` value of a Shanghai clock (for the form). */
export function shanghaiLocal(t: Date): string {
  return new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
}

export const OpenGroupOrderSchema = z
  .object({
    unitId: id,
    villageId: id,
    title: text(40).pipe(z.string().min(1, { error: 'group_title_required' })),
    // Where the village delivers (and anything staff should know): it becomes the contract's address.
    note: text(200).pipe(z.string().min(1, { error: 'group_place_required' })),
    variantId: list,
    closesAt: z.string({ error: 'group_datetime_invalid' }).transform((v, ctx) => {
      const t = shanghaiInstant(v);
      if (!t) {
        ctx.addIssue({ code: 'custom', message: 'group_datetime_invalid' });
        return z.NEVER;
      }
      return t;
    }),
    deliverOn: z.string({ error: 'group_date_invalid' }).refine((v) => isCalendarDate(v), { error: 'group_date_invalid' }),
    paymentMode: z.enum(['unit', 'each'], { error: 'invalid' }),
  })
  .transform((v, ctx) => {
    const ids = [...new Set(v.variantId.filter((x) => x !== ''))];
    if (ids.some((x) => !/^\d{1,9}$/.test(x))) ctx.addIssue({ code: 'custom', path: ['variantId'], message: 'invalid' });
    if (ids.length === 0) ctx.addIssue({ code: 'custom', path: ['variantId'], message: 'group_items_required' });
    if (ids.length > MAX_GROUP_ITEMS) ctx.addIssue({ code: 'custom', path: ['variantId'], message: 'group_too_many_items' });
    const { variantId: _v, ...rest } = v;
    return { ...rest, variantIds: ids.map(Number) };
  });
export type OpenGroupOrderInput = z.infer<typeof OpenGroupOrderSchema>;

/** My quantities: one per item; 0 or empty removes me from that item. */
export const SignUpSchema = z.object({ token, itemId: list, quantity: list }).transform((v, ctx) => {
  const quantities = new Map<number, number>();
  v.itemId.forEach((raw, i) => {
    const q = (v.quantity[i] ?? '').trim();
    const n = q === '' ? 0 : qty(q);
    if (!/^\d{1,9}$/.test(raw) || !(n >= 0 && n <= MAX_PERSON_QUANTITY)) ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'group_quantity_invalid' });
    else quantities.set(Number(raw), n);
  });
  if (quantities.size === 0) ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'group_quantity_invalid' });
  return { token: v.token, quantities };
});
export type SignUpInput = z.infer<typeof SignUpSchema>;

export const GroupTokenSchema = z.object({ token });
export const MarkSharePaidSchema = z.object({ groupOrderId: id, userId: id });

/** Why a group order may not open with these times; null when it may. */
export function openError(input: { closesAt: Date; deliverOn: string }, now: Date): { field: 'closesAt' | 'deliverOn'; key: RefusalKey } | null {
  if (input.closesAt.getTime() <= now.getTime()) return { field: 'closesAt', key: 'group_closes_past' };
  if (input.closesAt.getTime() > now.getTime() + MAX_OPEN_DAYS * 86_400_000) return { field: 'closesAt', key: 'group_closes_too_far' };
  const closingDay = shanghaiDate(input.closesAt);
  // Delivery on the closing day itself is allowed (a morning close, an afternoon delivery).
  if (input.deliverOn < closingDay) return { field: 'deliverOn', key: 'group_deliver_before_close' };
  if (input.deliverOn > addDays(closingDay, MAX_DELIVERY_DAYS_AFTER_CLOSE)) return { field: 'deliverOn', key: 'group_deliver_too_far' };
  return null;
}

/** Sign-ups are taken while open and strictly before the closing time. */
export function signUpOpen(status: string, closesAt: Date, now: Date): boolean {
  return status === 'open' && now.getTime() < closesAt.getTime();
}

/**
 * The price everyone pays for an item at closing: the list price fixed when the group order opened,
 * or the variant's tier price for the combined quantity when that is lower — buying together is the
 * point. A tier raised after opening never raises the price staff signed up at.
 */
export function closingPriceFen(listPriceFen: number, tiers: readonly Tier[], totalQuantity: number): number {
  return Math.min(listPriceFen, unitPriceFen(listPriceFen, tiers, totalQuantity));
}

export interface SplitItem {
  id: number;
  priceFen: number;
}
export interface SplitSignup {
  itemId: number;
  userId: number;
  name: string;
  quantity: number;
  paid: boolean;
}
export interface SplitPerson {
  userId: number;
  name: string;
  lines: { itemId: number; quantity: number; amountFen: bigint }[];
  totalFen: bigint;
  /** Every line of this person is marked paid (pay-each mode). */
  paid: boolean;
}
export interface SplitList {
  people: SplitPerson[];
  items: { itemId: number; quantity: number; amountFen: bigint }[];
  totalFen: bigint;
}

/**
 * The per-person split list: each person's lines at the item's price, their total, each item's total
 * and the grand total. People in order of name (then id), lines in item order; the grand total is
 * the sum of the people's totals and equally the sum of the items' — both are kept exact in 分.
 */
export function splitList(items: readonly SplitItem[], signups: readonly SplitSignup[]): SplitList {
  const price = new Map(items.map((i) => [i.id, i.priceFen]));
  const order = new Map(items.map((i, n) => [i.id, n]));
  const people = new Map<number, SplitPerson>();
  const totals = new Map(items.map((i) => [i.id, { itemId: i.id, quantity: 0, amountFen: 0n }]));
  for (const s of signups) {
    const p = price.get(s.itemId);
    if (p === undefined) throw new RangeError(`sign-up for unknown item ${s.itemId}`);
    if (!Number.isSafeInteger(s.quantity) || s.quantity <= 0) throw new RangeError(`quantity must be a whole number ≥ 1, got ${s.quantity}`);
    const amountFen = BigInt(p) * BigInt(s.quantity);
    const person = people.get(s.userId) ?? { userId: s.userId, name: s.name, lines: [], totalFen: 0n, paid: true };
    person.lines.push({ itemId: s.itemId, quantity: s.quantity, amountFen });
    person.totalFen += amountFen;
    person.paid &&= s.paid;
    people.set(s.userId, person);
    const t = totals.get(s.itemId)!;
    t.quantity += s.quantity;
    t.amountFen += amountFen;
  }
  const list = [...people.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.userId - b.userId);
  for (const p of list) p.lines.sort((a, b) => order.get(a.itemId)! - order.get(b.itemId)!);
  return { people: list, items: [...totals.values()], totalFen: list.reduce((sum, p) => sum + p.totalFen, 0n) };
}
