import { describe, expect, it } from 'vitest';
import { safeNext, SignUpSchema } from './auth.ts';
import { passwordProblem } from './passwords.ts';
import { isExpired, needsRenewal, SESSION_MS, sessionExpiry } from './sessions.ts';

describe('password policy', () => {
  it('wants 8+ characters and refuses the most common passwords', () => {
    expect(passwordProblem('short')).toBe('too_short');
    expect(passwordProblem('12345678')).toBe('too_common');
    expect(passwordProblem('woaini1314')).toBe('too_common');
    expect(passwordProblem('Password1')).toBe('too_common');
    expect(passwordProblem('aaaaaaaaaa')).toBe('too_common');
    expect(passwordProblem('zhangsan', 'zhangsan@example.com')).toBe('too_common');
    expect(passwordProblem('x'.repeat(129))).toBe('too_long');
    expect(passwordProblem('peach-harvest-2027')).toBeNull();
  });
});

describe('sign-up input', () => {
  it('normalises email and mobile and names each problem', () => {
    const ok = SignUpSchema.parse({ email: ' Li@Example.COM ', displayName: ' 李 ', mobile: '138 0013 8000', password: 'peach-harvest-2027' });
    expect(ok).toMatchObject({ email: 'li@example.com', displayName: '李', mobile: '13800138000' });
    expect(SignUpSchema.parse({ email: 'a@b.cn', displayName: 'x', mobile: null, password: 'peach-harvest-2027' }).mobile).toBeNull();
    const bad = SignUpSchema.safeParse({ email: 'nope', displayName: '', mobile: '12345', password: '123456' });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]));
    expect(messages).toMatchObject({ email: 'email_invalid', displayName: 'name_required', mobile: 'mobile_invalid' });
  });
});

describe('session lifetime', () => {
  const now = new Date('2026-11-23T00:00:00Z');
  it('lasts 30 days and is renewed once less than half remains', () => {
    const expires = sessionExpiry(now);
    expect(expires.getTime() - now.getTime()).toBe(SESSION_MS);
    expect(needsRenewal(expires, new Date(now.getTime() + SESSION_MS / 2 - 1000))).toBe(false);
    expect(needsRenewal(expires, new Date(now.getTime() + SESSION_MS / 2 + 1000))).toBe(true);
    expect(isExpired(expires, new Date(expires.getTime() - 1))).toBe(false);
    expect(isExpired(expires, expires)).toBe(true);
  });
});

describe('safeNext', () => {
  it('allows only same-site paths', () => {
    expect(safeNext('/units/3')).toBe('/units/3');
    expect(safeNext('https://evil.example')).toBe('/account');
    expect(safeNext('//evil.example')).toBe('/account');
    expect(safeNext('/\\evil.example')).toBe('/account');
    expect(safeNext(null, '/en/account')).toBe('/en/account');
  });
});
