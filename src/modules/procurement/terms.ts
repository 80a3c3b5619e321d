// What a procurement contract has drawn, and what the buying unit owes and when, in integer 分.

import { addDays, isCalendarDate } from './schedule.ts';

export type PaymentTerms = 'prepay' | 'net';

export interface DeliveryMoney {
  id: number;
  seq: number;
  status: 'pending_village_shipment' | 'pending_unit_acceptance' | 'accepted' | 'cancelled';
  scheduledOn: string;
  /** Goods at planned quantities + freight. */
  plannedFen: bigint;
  /** Set on acceptance: goods actually received + freight. */
  billedFen: bigint | null;
  acceptedOn: string | null;
}

// An accepted delivery without its bill or date is a data bug; guessing would misstate a debt.
function billed(d: DeliveryMoney): bigint {
  if (d.billedFen === null) throw new RangeError(`accepted delivery ${d.id} has no billed amount`);
  return d.billedFen;
}

/** Billed when accepted (a shortfall lowers it), planned otherwise, 0 when cancelled. */
export function dueAmount(d: DeliveryMoney): bigint {
  if (d.status === 'cancelled') return 0n;
  return d.status === 'accepted' ? billed(d) : d.plannedFen;
}

/** Contract value as it now stands: what was received where known, what is planned elsewhere. */
export function drawdown(deliveries: readonly DeliveryMoney[]): { totalFen: bigint; drawnFen: bigint; remainingFen: bigint } {
  let totalFen = 0n;
  let drawnFen = 0n;
  for (const d of deliveries) {
    const amount = dueAmount(d);
    totalFen += amount;
    if (d.status === 'accepted') drawnFen += amount;
  }
  return { totalFen, drawnFen, remainingFen: totalFen - drawnFen };
}

/**
 * Prepay: due on the scheduled day, since the village ships only once paid. Net: due `netDays`
 * after acceptance, so nothing is due before the unit has accepted the goods.
 */
export function dueOn(d: DeliveryMoney, terms: PaymentTerms, netDays: number): string | null {
  if (d.status === 'cancelled') return null;
  if (terms === 'prepay') return d.scheduledOn;
  if (d.status !== 'accepted') return null;
  if (d.acceptedOn === null || !isCalendarDate(d.acceptedOn)) throw new RangeError(`accepted delivery ${d.id} has no acceptance date`);
  if (!Number.isSafeInteger(netDays) || netDays < 0) throw new RangeError(`netDays must be a whole number ≥ 0, got ${netDays}`);
  return addDays(d.acceptedOn, netDays);
}

export interface DueLine {
  id: number;
  seq: number;
  dueOn: string;
  amountFen: bigint;
  paidFen: bigint;
  outstandingFen: bigint;
  overdue: boolean;
}

/**
 * Every delivery with a due date, oldest due first. Payments are not tied to deliveries, so their
 * total is applied first-in-first-out: the oldest debt is settled first, and whatever is left after
 * every line is paid is credit. Overdue starts the day after the due date.
 */
export function dues(
  deliveries: readonly DeliveryMoney[],
  terms: PaymentTerms,
  netDays: number,
  paidFen: bigint,
  today: string,
): { lines: DueLine[]; overdueFen: bigint; creditFen: bigint } {
  if (paidFen < 0n) throw new RangeError(`paidFen must be ≥ 0, got ${paidFen}`);
  const dated = deliveries
    .map((d) => ({ d, due: dueOn(d, terms, netDays) }))
    .filter((x): x is { d: DeliveryMoney; due: string } => x.due !== null)
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.d.seq - b.d.seq));

  let unapplied = paidFen;
  let overdueFen = 0n;
  const lines = dated.map(({ d, due }): DueLine => {
    const amountFen = dueAmount(d);
    // biome-ignore lint/complexity/useMathMinMax: bigint 分; Math.min takes numbers only
    const paid = unapplied < amountFen ? unapplied : amountFen;
    unapplied -= paid;
    const outstandingFen = amountFen - paid;
    const overdue = today > due && outstandingFen > 0n;
    if (overdue) overdueFen += outstandingFen;
    return { id: d.id, seq: d.seq, dueOn: due, amountFen, paidFen: paid, outstandingFen, overdue };
  });
  return { lines, overdueFen, creditFen: unapplied };
}
