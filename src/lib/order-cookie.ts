// Guests' order-access tokens (placed or looked up by number + mobile), kept in
// one HttpOnly cookie, newest first, at most 10. The server stores only hashes.
import { cookieSecure as secure } from './env.ts';

export const ORDER_COOKIE = 'bangfu_orders';
const MAX_TOKENS = 10;

interface CookieJar {
  get(name: string): { value: string } | undefined;
  set(name: string, value: string, options: Record<string, unknown>): void;
}

export function guestOrderTokens(cookies: CookieJar): string[] {
  return (cookies.get(ORDER_COOKIE)?.value ?? '')
    .split('.')
    .filter((t) => /^[A-Za-z0-9_-]{20,64}$/.test(t))
    .slice(0, MAX_TOKENS);
}

export function addGuestOrderToken(cookies: CookieJar, token: string): void {
  const tokens = [token, ...guestOrderTokens(cookies).filter((t) => t !== token)].slice(0, MAX_TOKENS);
  cookies.set(ORDER_COOKIE, tokens.join('.'), { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 90 * 24 * 3600 });
}
