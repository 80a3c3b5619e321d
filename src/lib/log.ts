// The one logger: pino, one JSON object per line on stdout. JSON escapes every control
// character, so a hostile URL or header cannot forge a line; addresses pass through
// `loggableUrl` first, so secrets carried in links (reset and invitation tokens, group
// order links, Stripe session ids) never reach the log. Every line written while a request
// is served carries its id (`reqId`), the same id its error page shows and its
// X-Request-Id header gives, so a user's quote of it finds the lines.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';
import { env } from './env.ts';

const request = new AsyncLocalStorage<{ id: string }>();

/** A fresh request id: 12 hex digits, short enough to read out over the phone. */
export const newRequestId = (): string => randomBytes(6).toString('hex');

/** An id a trusted proxy passed on (nginx's $request_id, say), if it looks like one. */
export const acceptableRequestId = (value: string | string[] | undefined): string | null => (typeof value === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(value) ? value : null);

/** Runs `fn` as part of request `id`: every line logged meanwhile carries it. */
export const withRequestId = <T>(id: string, fn: () => T): T => request.run({ id }, fn);

/** The id of the request being served, if any. */
export const currentRequestId = (): string | undefined => request.getStore()?.id;

export function createLogger(destination?: DestinationStream): Logger {
  const options = {
    level: env.LOG_LEVEL,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => {
      const id = currentRequestId();
      return id ? { reqId: id } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const log: Logger = createLogger();

// Query parameters and path segments that are secrets: whoever holds them gets in.
const SECRET_PARAM = /token|code|secret|password|session_id|key/i;
const SECRET_PATH = /^(\/(?:en\/)?group\/)[^/?#]+/;

/** An address as it may be logged: secret parameters and path tokens replaced, length capped. */
export function loggableUrl(url: string): string {
  const at = url.indexOf('?');
  const path = (at === -1 ? url : url.slice(0, at)).replace(SECRET_PATH, '$1[redacted]');
  if (at === -1) return path.slice(0, 2000);
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name);
      } catch {
        // Left as it came.
      }
      if (SECRET_PARAM.test(name)) return `${pair.slice(0, eq)}=[redacted]`;
      // A page to go back to may itself be a group order's link.
      if (name === 'next') {
        try {
          return `${pair.slice(0, eq)}=${encodeURIComponent(loggableUrl(decodeURIComponent(pair.slice(eq + 1))))}`;
        } catch {
          return `${pair.slice(0, eq)}=[unreadable]`;
        }
      }
      return pair;
    })
    .join('&');
  return `${path}?${query}`.slice(0, 2000);
}
