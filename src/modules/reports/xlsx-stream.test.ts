import { Writable } from 'node:stream';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { escapeXml, writeXlsx, type XlsxColumn, type XlsxValue } from './xlsx-stream.ts';

const columns: XlsxColumn[] = [
  { header: '村', kind: 'text' },
  { header: '金额（元）', kind: 'money' },
  { header: '数量', kind: 'integer' },
];

async function* pages(rows: XlsxValue[][], size: number) {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

async function toBuffer(rows: XlsxValue[][], size = 2): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  const n = await writeXlsx(out, '台账明细', columns, pages(rows, size));
  expect(n).toBe(rows.length);
  return Buffer.concat(chunks);
}

describe('streaming xlsx', () => {
  it('writes a sheet a spreadsheet reader opens, with exact money and escaped text', async () => {
    const rows: XlsxValue[][] = [
      ['桃花峪村 <A&B> "1"', '1234.56', 3],
      ['bell\u0007 removed', '-0.05', -1n],
      ['空', null, 0],
    ];
    const [sheet] = await readXlsxFile(await toBuffer(rows));
    expect(sheet.sheet).toBe('台账明细');
    expect(sheet.data).toEqual([
      ['村', '金额（元）', '数量'],
      ['桃花峪村 <A&B> "1"', 1234.56, 3],
      ['bell removed', -0.05, -1],
      ['空', null, 0],
    ]);
  });

  it('writes many pages without losing or repeating rows', async () => {
    const rows = Array.from({ length: 5001 }, (_, i): XlsxValue[] => [`村${i}`, `${i}.01`, i]);
    const [sheet] = await readXlsxFile(await toBuffer(rows, 700));
    expect(sheet.data.length).toBe(5002);
    expect(sheet.data[5001]).toEqual(['村5000', 5000.01, 5000]);
  });

  it('refuses a money value that is not an exact decimal', async () => {
    await expect(toBuffer([['x', '12,5', 1]])).rejects.toThrow(/Not a number/);
    expect(escapeXml('a&b<c>')).toBe('a&amp;b&lt;c&gt;');
  });
});
