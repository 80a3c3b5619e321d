// The session cookie: HttpOnly, SameSite=Lax, Secure in production, path /.
import { cookieSecure as secure } from './env.ts';

export const SESSION_COOKIE = 'bangfu_session';

interface CookieJar {
  set(name: string, value: string, options: Record<string, unknown>): void;
  delete(name: string, options: Record<string, unknown>): void;
}

export function setSessionCookie(cookies: CookieJar, token: string, expiresAt: Date): void {
  cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
}

export function clearSessionCookie(cookies: CookieJar): void {
  cookies.delete(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
