// Report periods, as work summaries use them: a month, a quarter, 上半年 / 下半年,
// a year, or custom dates. Days are Asia/Shanghai days (UTC+8 all year: China
// has had no daylight saving since 1991), so boundaries are computed without
// time-zone data and work the same on PGlite and PostgreSQL.
import { z } from 'zod';
import { addDays, shanghaiMidnight } from '../../lib/dates.ts';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year' | 'custom';

export interface Period {
  kind: PeriodKind;
  /** The value as it appears in a URL: 2026, 2026-H1, 2026-Q3, 2026-11, 2026-01-05~2026-03-10. */
  key: string;
  /** First day, and the day after the last one (YYYY-MM-DD). */
  from: string;
  until: string;
}

const MAX_CUSTOM_DAYS = 3 * 366;

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d = 1) => {
  // Normalises month overflow (month 13 → next January).
  const t = new Date(Date.UTC(y, m - 1, d));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
};

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  return ymd(y, m, d) === s && y >= 2000 && y <= 2100;
}

/** Parses a period key; null when it is not one. */
export function parsePeriod(key: string): Period | null {
  const inRange = (y: number) => y >= 2000 && y <= 2100;
  const year = /^(\d{4})$/.exec(key);
  if (year) {
    const y = Number(year[1]);
    return inRange(y) ? { kind: 'year', key, from: ymd(y, 1), until: ymd(y + 1, 1) } : null;
  }
  const half = /^(\d{4})-H([12])$/.exec(key);
  if (half) {
    const y = Number(half[1]);
    const start = half[2] === '1' ? 1 : 7;
    return inRange(y) ? { kind: 'half', key, from: ymd(y, start), until: ymd(y, start + 6) } : null;
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) {
    const y = Number(quarter[1]);
    const start = (Number(quarter[2]) - 1) * 3 + 1;
    return inRange(y) ? { kind: 'quarter', key, from: ymd(y, start), until: ymd(y, start + 3) } : null;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) {
    const y = Number(month[1]);
    const mo = Number(month[2]);
    return inRange(y) && mo >= 1 && mo <= 12 ? { kind: 'month', key, from: ymd(y, mo), until: ymd(y, mo + 1) } : null;
  }
  const custom = /^(\d{4}-\d{2}-\d{2})~(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (custom) {
    const [, first, last] = custom;
    if (!validDate(first) || !validDate(last) || last < first) return null;
    const until = addDays(last, 1);
    if (daysBetween(first, until) > MAX_CUSTOM_DAYS) return null;
    return { kind: 'custom', key, from: first, until };
  }
  return null;
}

// One calendar arithmetic for the whole app (strict: an impossible day is a RangeError, never a silent roll-over).
export { addDays, shanghaiMidnight };

function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

/** The same period one year earlier (29 February becomes 28 February). */
export function sameTimeLastYear(p: Period): Period {
  const back = (day: string) => {
    const [y, m, d] = day.split('-').map(Number);
    const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
    return `${y - 1}-${pad(m)}-${pad(Math.min(d, last))}`;
  };
  if (p.kind === 'custom') {
    const first = back(p.from);
    const last = back(addDays(p.until, -1));
    return { kind: 'custom', key: `${first}~${last}`, from: first, until: addDays(last, 1) };
  }
  const y = Number(p.key.slice(0, 4)) - 1;
  return parsePeriod(`${y}${p.key.slice(4)}`)!;
}

/** The months (first days) a period touches, for trend charts: 2026-01-01, 2026-02-01, … */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  let [y, m] = p.from.split('-').map(Number);
  for (let day = ymd(y, m); day < p.until; day = ymd(y, ++m)) out.push(day);
  return out;
}

/** Whole months inside the period and the leftover days at either end (custom dates). */
export function splitPeriod(p: Period): { months: [string, string] | null; edges: [string, string][] } {
  const [fy, fm, fd] = p.from.split('-').map(Number);
  const firstWhole = fd === 1 ? p.from : ymd(fy, fm + 1);
  const [uy, um] = p.until.split('-').map(Number);
  const lastWholeEnd = ymd(uy, um); // the first of the month `until` falls in
  if (firstWhole >= lastWholeEnd) return { months: null, edges: [[p.from, p.until]] };
  const edges: [string, string][] = [];
  if (p.from < firstWhole) edges.push([p.from, firstWhole]);
  if (lastWholeEnd < p.until) edges.push([lastWholeEnd, p.until]);
  return { months: [firstWhole, lastWholeEnd], edges };
}

/** For a year-to-date pace: the fraction of the period's days that have passed on `today`, in [0, 1]. */
export function elapsedShare(p: Period, today: string): { elapsed: number; total: number } {
  const total = daysBetween(p.from, p.until);
  const elapsed = Math.max(0, Math.min(total, daysBetween(p.from, addDays(today, 1))));
  return { elapsed, total };
}

/** The period shown when none is asked for: this year so far. */
export function defaultPeriod(today: string): Period {
  return parsePeriod(today.slice(0, 4))!;
}

export function periodLabel(p: Period, locale: 'zh' | 'en'): string {
  const y = p.key.slice(0, 4);
  if (locale === 'zh') {
    if (p.kind === 'year') return `${y}年`;
    if (p.kind === 'half') return `${y}年${p.key.endsWith('H1') ? '上半年' : '下半年'}`;
    if (p.kind === 'quarter') return `${y}年第${'一二三四'[Number(p.key.slice(-1)) - 1]}季度`;
    if (p.kind === 'month') return `${y}年${Number(p.key.slice(5))}月`;
    return `${p.from} 至 ${addDays(p.until, -1)}`;
  }
  if (p.kind === 'year') return y;
  if (p.kind === 'half') return `${p.key.endsWith('H1') ? 'First' : 'Second'} half of ${y}`;
  if (p.kind === 'quarter') return `Q${p.key.slice(-1)} ${y}`;
  if (p.kind === 'month') return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(p.key.slice(5)) - 1]} ${y}`;
  return `${p.from} – ${addDays(p.until, -1)}`;
}

/** From the report form: ?period=2026-H1, or ?from=…&to=… for custom dates. */
export const PeriodQuerySchema = z.object({
  period: z.string().max(40).optional(),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
});

export function periodFromQuery(params: URLSearchParams, today: string): { period: Period; invalid: boolean } {
  const from = params.get('from');
  const to = params.get('to');
  const key = from && to ? `${from}~${to}` : params.get('period');
  if (!key) return { period: defaultPeriod(today), invalid: false };
  const period = parsePeriod(key);
  return period ? { period, invalid: false } : { period: defaultPeriod(today), invalid: true };
}
