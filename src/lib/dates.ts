// Calendar days are Asia/Shanghai days. Rules take `now` as an argument.

const shanghaiDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Asia/Shanghai calendar date of an instant, as YYYY-MM-DD. */
export function shanghaiDate(now: Date): string {
  return shanghaiDay.format(now);
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
