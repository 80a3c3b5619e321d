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

/** "12.50" or "12.5" or "12" (yuan, as people type it) → 1250 分, exactly; null when it is not money. */
export function parseYuan(text: string): bigint | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/**
 * Splits `amount` over lines in proportion to `weights` (largest remainder), never
 * giving a line more than its weight. Used to spread a partial refund over an
 * order's lines, so each ledger entry is reversed by exactly its share.
 */
export function allocate(amount: bigint, weights: readonly bigint[]): bigint[] {
  const total = weights.reduce((a, b) => a + b, 0n);
  if (amount < 0n || amount > total) throw new RangeError('amount out of range');
  if (total === 0n) return weights.map(() => 0n);
  const shares = weights.map((w) => (amount * w) / total);
  const remainders = weights.map((w, i) => ({ i, r: (amount * w) % total }));
  let left = amount - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    if (shares[i] < weights[i]) {
      shares[i] += 1n;
      left -= 1n;
    }
  }
  return shares;
}
