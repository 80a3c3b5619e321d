// One person talking to the built server over plain HTTP: a cookie jar, form
// and raw POSTs carrying the Origin the server expects, and a reading of the
// answers Astro Actions give (devalue on success, { code, message } on refusal).
// Used by the fuzzing and fault tests, which need no browser.
import { randomBytes } from 'node:crypto';

export class Client {
  readonly cookies = new Map<string, string>();

  constructor(cookies: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(cookies)) this.cookies.set(k, v);
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Any request; cookies sent and kept. `origin` defaults to the target's own origin. */
  async request(url: string, init: RequestInit & { origin?: string | null } = {}): Promise<Response> {
    const { origin = new URL(url).origin, headers, ...rest } = init;
    const h = new Headers(headers);
    if (origin !== null && !h.has('origin')) h.set('origin', origin);
    if (this.cookies.size && !h.has('cookie')) h.set('cookie', this.cookieHeader());
    const response = await fetch(url, { redirect: 'manual', ...rest, headers: h });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      // A cleared cookie (Max-Age=0 / empty) leaves the jar.
      if (!value || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** A urlencoded form POST, as a browser without JS sends it. */
  post(base: string, path: string, fields: Record<string, string> | URLSearchParams): Promise<Response> {
    return this.request(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fields instanceof URLSearchParams ? fields : new URLSearchParams(fields),
    });
  }

  /** Calls an Astro Action the way its client does (POST /_actions/<name>). */
  action(base: string, name: string, fields: Record<string, string> | URLSearchParams): Promise<Response> {
    return this.post(base, `/_actions/${name}`, fields);
  }
}

export const idempotencyKey = () => `t-${randomBytes(12).toString('hex')}`;

/** A valid checkout form (bank transfer, a mainland address). */
export const checkoutForm = (key = idempotencyKey(), over: Record<string, string> = {}) => ({
  idempotencyKey: key,
  recipient: '王某',
  mobile: '13800138000',
  province: '山东省',
  city: '临沂市',
  district: '蒙阴县',
  detail: '城关镇幸福路1号',
  paymentMethod: 'bank_transfer',
  note: '',
  ...over,
});

export type Outcome =
  | { kind: 'ok'; status: 200; values: unknown }
  | { kind: 'refused'; status: number; code: string; message: string }
  | { kind: 'error'; status: number; body: string };

/** An action's answer: 200 with devalue, or a 4xx ActionError { code, message }; anything else is an error. */
export async function outcomeOf(response: Response): Promise<Outcome> {
  const body = await response.text();
  if (response.status === 200) {
    try {
      return { kind: 'ok', status: 200, values: JSON.parse(body) };
    } catch {
      return { kind: 'error', status: 200, body: body.slice(0, 500) };
    }
  }
  if (response.status >= 400 && response.status < 500) {
    try {
      const json = JSON.parse(body) as { code?: unknown; message?: unknown };
      if (typeof json.message === 'string' && json.message) return { kind: 'refused', status: response.status, code: String(json.code), message: json.message };
    } catch {
      // not an ActionError
    }
  }
  return { kind: 'error', status: response.status, body: body.slice(0, 500) };
}

/** The order number in orders.place's devalue answer ([{number: 1, payUrl: 2}, "BF…", null]). */
export function placedNumber(outcome: Outcome): string | null {
  if (outcome.kind !== 'ok' || !Array.isArray(outcome.values)) return null;
  const number = outcome.values.find((v) => typeof v === 'string' && /^BF\d{14}$/.test(v));
  return typeof number === 'string' ? number : null;
}
