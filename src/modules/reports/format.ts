// Numbers as work summaries write them: 万元 with two decimals (4.47万元), 元
// with two decimals for tables, 斤 from grams (500 g), percentages. Integer
// arithmetic on bigint throughout; rounding is half away from zero.

const roundDiv = (n: bigint, d: bigint) => (n >= 0n ? (n + d / 2n) / d : -((-n + d / 2n) / d));

/** 44_700_00 分 → "4.47" (万元, two decimals). */
export function wan(fen: bigint): string {
  const hundredths = roundDiv(fen, 10_000n); // 0.01 万元 = 100 元 = 10 000 分
  const sign = hundredths < 0n ? '-' : '';
  const abs = hundredths < 0n ? -hundredths : hundredths;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** 123456 分 → "1234.56" (元, two decimals, no grouping: for exports). */
export function yuan(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Grams → 斤, whole when exact, else one decimal: 2_500_000 → "5000". */
export function jin(grams: bigint): string {
  const tenths = roundDiv(grams * 10n, 500n);
  const sign = tenths < 0n ? '-' : '';
  const abs = tenths < 0n ? -tenths : tenths;
  return abs % 10n === 0n ? `${sign}${abs / 10n}` : `${sign}${abs / 10n}.${abs % 10n}`;
}

/** part / whole as a percentage with one decimal ("12.5"), or null when whole is 0. */
export function percent(part: bigint, whole: bigint): string | null {
  if (whole === 0n) return null;
  const tenths = roundDiv(part * 1000n, whole);
  const sign = tenths < 0n ? '-' : '';
  const abs = tenths < 0n ? -tenths : tenths;
  return `${sign}${abs / 10n}.${abs % 10n}`;
}
