import { describe, expect, it } from 'vitest';
import { csvField, csvText, figure } from './csv.ts';

describe('CSV fields', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://ev.il","x")')).toBe('"\'=HYPERLINK(""http://ev.il"",""x"")"');
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvField(`${start}1+1`)).toBe(`"'${start}1+1"`);
  });
  it('leaves ordinary text and our own numbers as they are', () => {
    expect(csvField('县交通运输局')).toBe('"县交通运输局"');
    expect(csvField(-12)).toBe('"-12"');
    expect(csvField(-1250n)).toBe('"-1250"');
    expect(csvField(figure('-12.50'))).toBe('"-12.50"');
    expect(
      csvText([
        ['a', 1],
        ['b', 2],
      ]),
    ).toBe('\uFEFF"a","1"\r\n"b","2"');
  });
});
