// Money is integer 分 (fen). Formatting happens only when rendering and never
// goes through a float: the yuan part is grouped as an integer, the fen appended.

/** ¥ and grouped 元 with two places of 分: 398000 → "¥3,980.00". Works on the integer's digits, so bigint sums stay exact. */
export function formatFen(fen: number | bigint): string {
  // A bigint, a safe integer, or (as PostgreSQL sends bigint sums) a string of digits.
  const whole = typeof fen === 'bigint' || Number.isSafeInteger(fen) || (typeof fen === 'string' && /^-?\d+$/.test(fen));
  if (!whole) throw new RangeError(`not a whole number of fen: ${String(fen)}`);
  let digits = String(fen);
  const negative = digits.startsWith('-');
  if (negative) digits = digits.slice(1);
  digits = digits.padStart(3, '0');
  const yuan = digits.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, ',');
  return `${negative ? '-' : ''}¥${yuan}.${digits.slice(-2)}`;
}

/** Price of one 斤 (500 g), rounded half up to the 分; null when weight is unknown. */
export function pricePerJinFen(priceFen: number, netGrams: number | null | undefined): number | null {
  if (!netGrams || netGrams <= 0) return null;
  return Math.floor((priceFen * 500 * 2 + netGrams) / (2 * netGrams));
}

/** Grams as 斤 with up to one decimal, e.g. 2500 → "5", 1250 → "2.5". */
export function gramsToJinLabel(grams: number): string {
  const tenths = Math.round((grams * 10) / 500);
  return tenths % 10 === 0 ? String(tenths / 10) : `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** 分 → the plain 元 figure a form field shows ("1480.00"), without a currency sign or grouping. */
export function fenToYuanInput(fen: number | bigint): string {
  const value = BigInt(fen);
  const abs = value < 0n ? -value : value;
  return `${value < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
