// Delivery calendars for bulk procurement contracts. Dates are Asia/Shanghai calendar days as
// 'YYYY-MM-DD'; arithmetic runs on UTC dates so a server's local zone or DST can never shift a day.

import { addDays, dayParts, daysInMonth, formatDay, isCalendarDate, requireInteger } from '../../lib/dates.ts';

// The calendar arithmetic lives in lib/dates.ts (reports use it too); re-exported for this module's callers.
export { addDays, isCalendarDate };

export type Recurrence = 'once' | 'weekly' | 'monthly';

// A contract longer than ten years of monthly deliveries is a typo, not a contract.
const MAX_PERIODS = 120;

/** Same day-of-month as `anchor`, clamped to the target month's last day (Jan 31 + 1 → Feb 28). */
export function addMonthsClamped(anchor: string, months: number): string {
  requireInteger(months, 'months');
  const [year, month, day] = dayParts(anchor);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatDay(y, m, Math.min(day, daysInMonth(y, m)));
}

/**
 * Every delivery date. Monthly dates are always computed from `first`, never from the previous
 * delivery, so a 31st-of-month contract returns to the 31st after February instead of drifting to the 28th.
 */
export function scheduleDates(first: string, recurrence: Recurrence, periods: number): string[] {
  requireInteger(periods, 'periods');
  if (periods < 1 || periods > MAX_PERIODS) throw new RangeError(`periods must be 1–${MAX_PERIODS}, got ${periods}`);
  dayParts(first);
  if (recurrence === 'once' && periods !== 1) throw new RangeError(`a once contract has 1 period, got ${periods}`);
  // For 'once' k is only 0, so the monthly formula returns `first` itself.
  return Array.from({ length: periods }, (_, k) => (recurrence === 'weekly' ? addDays(first, 7 * k) : addMonthsClamped(first, k)));
}

/**
 * Moves delivery `index` to `newDate`. With `following`, the later deliveries are regenerated from
 * `newDate` (monthly anchored on its day-of-month); otherwise only that one delivery moves.
 * Validity (past dates, order, shipped) is rescheduleError's job; this only computes.
 */
export function rescheduleDates(dates: readonly string[], index: number, newDate: string, recurrence: Recurrence, following: boolean): string[] {
  requireInteger(index, 'index');
  if (index < 0 || index >= dates.length) throw new RangeError(`no delivery at index ${index}`);
  dayParts(newDate);
  if (following) return [...dates.slice(0, index), ...scheduleDates(newDate, recurrence, dates.length - index)];
  const moved = [...dates];
  moved[index] = newDate;
  return moved;
}

export type RescheduleErrorKey = 'delivery_shipped' | 'date_invalid' | 'date_past' | 'date_order';

/**
 * Why a delivery may not move to `newDate`, or null. Deliveries keep their order: alone, a delivery
 * must land strictly between its neighbours; with `following`, the later ones move with it, so only
 * the previous delivery bounds it.
 */
export function rescheduleError(input: {
  newDate: string;
  today: string;
  shipped: boolean;
  previous?: string | null;
  next?: string | null;
  following: boolean;
}): RescheduleErrorKey | null {
  const { newDate, today, shipped, previous, next, following } = input;
  if (shipped) return 'delivery_shipped';
  if (!isCalendarDate(newDate)) return 'date_invalid';
  // Strings compare as dates because the format is fixed-width, most significant first.
  if (newDate < today) return 'date_past';
  if (previous != null && newDate <= previous) return 'date_order';
  if (!following && next != null && newDate >= next) return 'date_order';
  return null;
}
