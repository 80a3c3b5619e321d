import { describe, expect, it } from 'vitest';
import { generateToken, hashSecret, parseToken, secretMatches } from './tokens.ts';

describe('session and link tokens', () => {
  it('are <id>.<secret> in lower-case base32 and parse back', () => {
    const t = generateToken();
    expect(t.token).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{32}$/);
    expect(parseToken(t.token)).toEqual({ id: t.id, secret: t.secret });
  });

  it('are unique', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generateToken().token));
    expect(seen.size).toBe(1000);
  });

  it('store only a SHA-256 of the secret, which matches the secret and nothing else', () => {
    const t = generateToken();
    expect(t.secretHash).toHaveLength(32);
    expect(Buffer.from(t.secretHash).toString('hex')).not.toContain(Buffer.from(t.secret).toString('hex'));
    expect(secretMatches(t.secret, t.secretHash)).toBe(true);
    expect(secretMatches(generateToken().secret, t.secretHash)).toBe(false);
    expect(secretMatches(t.secret, hashSecret(t.secret).slice(0, 16))).toBe(false);
  });

  it('refuse anything not of their shape, without throwing', () => {
    const t = generateToken();
    for (const bad of [
      '',
      '.',
      'abc',
      `${t.id}`,
      `${t.id}.`,
      `.${t.secret}`,
      `${t.token}.x`,
      t.token.toUpperCase(),
      `${t.id}.${t.secret}!`,
      'a'.repeat(500),
      undefined,
      null,
    ]) {
      expect(parseToken(bad as string), String(bad)).toBeNull();
    }
  });
});
