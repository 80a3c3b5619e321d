// The guest cart cookie: an unguessable cart id, HttpOnly, SameSite=Lax, 30 days.
import { cookieSecure as secure } from './env.ts';

export const CART_COOKIE = 'bangfu_cart';

interface CookieJar {
  get(name: string): { value: string } | undefined;
  set(name: string, value: string, options: Record<string, unknown>): void;
  delete(name: string, options: Record<string, unknown>): void;
}

export function guestCartId(cookies: CookieJar): string | null {
  return cookies.get(CART_COOKIE)?.value ?? null;
}

export function setGuestCartCookie(cookies: CookieJar, cartId: string): void {
  cookies.set(CART_COOKIE, cartId, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 30 * 24 * 3600 });
}

export function clearGuestCartCookie(cookies: CookieJar): void {
  cookies.delete(CART_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
