import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, normaliseCreditCode } from './credit-code.ts';

// Codes in the real format whose check characters are right (the second is GB 32100's own example).
const valid = [
  '91110000100003433J',
  '91350100M000100Y43', // GB 32100 example code
  '91110108551385082Q',
  '91440300708461136T',
];

describe('统一社会信用代码', () => {
  it('computes the check character from the first 17 characters', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('accepts real-format codes whose check character is right', () => {
    for (const code of valid) expect(normaliseCreditCode(code), code).toBe(code);
    expect(normaliseCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
  });

  it('rejects a wrong check character, wrong length and forbidden letters', () => {
    expect(normaliseCreditCode('91350100M000100Y44')).toBeNull();
    expect(normaliseCreditCode('91350100M000100Y4')).toBeNull();
    expect(normaliseCreditCode('91350100M000100Y433')).toBeNull();
    expect(normaliseCreditCode('91350100M0001O0Y43')).toBeNull(); // letter O is not in the alphabet
    expect(normaliseCreditCode('9135010AM000100Y43')).toBeNull(); // region code must be digits
    expect(normaliseCreditCode('')).toBeNull();
  });

  it('catches every single-character typo', () => {
    const code = '91350100M000100Y43';
    for (let i = 0; i < 18; i++) {
      for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY') {
        if (c === code[i]) continue;
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        expect(normaliseCreditCode(typo), typo).toBeNull();
      }
    }
  });
});
