// Calendar days are Asia/Shanghai days. Rules take `now` as an argument.

const shanghaiDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// Every page asks for today's date; formatting through Intl each time is a measurable
// share of a catalogue page, so the last day is kept with its bounds (instants).
let lastDay = { from: 0, to: 0, day: '' };

/** The Asia/Shanghai calendar date of an instant, as YYYY-MM-DD. */
export function shanghaiDate(now: Date): string {
  const t = now.getTime();
  if (t >= lastDay.from && t < lastDay.to) return lastDay.day;
  const day = shanghaiDay.format(now);
  // Asia/Shanghai is UTC+8 all year (since 1991); the check keeps any other instant uncached.
  const from = Date.parse(`${day}T00:00:00+08:00`);
  if (t >= from && t < from + 86_400_000) lastDay = { from, to: from + 86_400_000, day };
  return day;
}

/** The instant a Shanghai day (YYYY-MM-DD) begins: UTC+8 all year, so no time-zone data is needed. */
export function shanghaiMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 8 * 3600_000);
}

/** The next date on or after `today` (YYYY-MM-DD) that falls on month-day 'MM-DD'. */
export function nextMonthDay(monthDay: string, today: string): string {
  if (!/^\d{2}-\d{2}$/.test(monthDay)) throw new Error(`bad month-day ${monthDay}`);
  const year = Number(today.slice(0, 4));
  const candidate = `${year}-${monthDay}`;
  return candidate >= today ? candidate : `${year + 1}-${monthDay}`;
}

/** 2027-07-10 → "7月10日" (zh) or "10 Jul" (en). */
export function formatMonthDay(isoDate: string, locale: 'zh' | 'en'): string {
  const [, m, d] = isoDate.split('-').map(Number);
  if (locale === 'zh') return `${m}月${d}日`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${d} ${months[m - 1]}`;
}

// Calendar arithmetic on 'YYYY-MM-DD' days, done on UTC dates so a server's zone or DST never shifts a day.

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function dayParts(date: string): [number, number, number] {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

export function formatDay(year: number, month: number, day: number): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function requireInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

/** Strict 'YYYY-MM-DD' naming a day that exists: 2027-02-29 is false, 2028-02-29 true. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function addDays(date: string, days: number): string {
  requireInteger(days, 'days');
  const [year, month, day] = dayParts(date);
  // setUTCFullYear rather than Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day + days);
  return formatDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
