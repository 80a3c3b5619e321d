// One way to write a CSV field. Every field is quoted; a text field that a
// spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
// return: a unit named =HYPERLINK("http://ev.il","x")) is neutralised with a
// leading apostrophe, as OWASP advises, so it shows as the text it is. Numbers we
// format ourselves (amounts, quantities) are passed as numbers and left alone.

const FORMULA_START = /^[=+\-@\t\r]/;

/** A figure we formatted ourselves as decimal text (元 with two places: "-12.50"): written as it is. */
export interface Figure {
  figure: string;
}
export const figure = (text: string): Figure => ({ figure: text });

export type CsvValue = string | number | bigint | Figure;

export function csvField(value: CsvValue): string {
  const text = typeof value === 'object' ? value.figure : typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return `"${text.replaceAll('"', '""')}"`;
}

/** Rows to CSV text: CRLF line ends, with a BOM so Excel opens the Chinese correctly. */
export function csvText(rows: readonly (readonly CsvValue[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}`;
}
