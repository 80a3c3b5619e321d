// A local stand-in for the few Stripe endpoints the app calls, so the real
// `stripe` SDK can be exercised without the network: it records every request
// (tests assert on what was sent) and answers like Stripe does, including
// idempotent replays (same Idempotency-Key → the same object, no second effect)
// and the 2026-10-28 refusal of payment_method_types on Checkout Sessions.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

type Obj = Record<string, unknown>;
export interface StandinSession extends Obj {
  id: string;
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  amount_total: number;
  payment_intent: string | null;
}

export interface StripeStandin {
  url: string;
  requests: RecordedRequest[];
  sessions: Map<string, StandinSession>;
  refunds: Obj[];
  /** The buyer paid (card) or started an async payment (paid: false). */
  pay(sessionId: string, opts?: { paid?: boolean }): StandinSession;
  /** An async payment settled. */
  settle(sessionId: string): StandinSession;
  expire(sessionId: string): StandinSession;
  /** Refunds are refused with this message until called with null. */
  refuseRefunds(message: string | null): void;
  requestsTo(method: string, path: string): RecordedRequest[];
  close(): Promise<void>;
}

/** The webhook signing secret the tests and the e2e server share with the stand-in's events. */
export const STANDIN_WEBHOOK_SECRET = 'whsec_standin_secret';

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;

/** a[b][0][c]=1 (Stripe's form encoding) → { a: { b: [{ c: '1' }] } }. */
export function parseStripeForm(text: string): Obj {
  const root: Obj = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: Obj | unknown[] = root;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const slot = node as Record<string, unknown>;
      if (last) slot[part] = value;
      else slot[part] ??= /^\d+$/.test(path[i + 1]) ? [] : {};
      node = slot[part] as Obj;
    });
  }
  return root;
}

export async function startStripeStandin(): Promise<StripeStandin> {
  const requests: RecordedRequest[] = [];
  const sessions = new Map<string, StandinSession>();
  const refunds: Obj[] = [];
  const byKey = new Map<string, { body: string; status: number; response: Obj }>();
  const paidBy = new Map<string, number>(); // payment intent → amount
  let refusal: string | null = null;
  let base = '';

  const send = (res: ServerResponse, status: number, body: Obj) => {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
    res.end(JSON.stringify(body));
  };
  const error = (message: string, code?: string) => ({ error: { type: 'invalid_request_error', message, ...(code && { code }) } });

  function createSession(body: Obj): [number, Obj] {
    if ('payment_method_types' in body) return [400, error('Received unknown parameter: payment_method_types', 'parameter_unknown')];
    const items = (body.line_items ?? []) as { quantity: string; price_data: { unit_amount: string; currency: string } }[];
    if (body.mode !== 'payment' || !body.currency || items.length === 0) return [400, error('mode, currency and line_items are required')];
    const amount = items.reduce((sum, l) => sum + Number(l.price_data.unit_amount) * Number(l.quantity), 0);
    const session: StandinSession = {
      id: id('cs'),
      object: 'checkout.session',
      status: 'open',
      payment_status: 'unpaid',
      mode: 'payment',
      currency: body.currency,
      amount_total: amount,
      amount_subtotal: amount,
      client_reference_id: body.client_reference_id ?? null,
      customer_email: body.customer_email ?? null,
      metadata: body.metadata ?? {},
      expires_at: Number(body.expires_at),
      locale: body.locale ?? null,
      payment_intent: null,
      success_url: body.success_url,
      cancel_url: body.cancel_url,
      livemode: false,
    };
    // Browsers are sent here: a stand-in for Stripe's hosted payment page (see hostedPage).
    session.url = `${base}/c/pay/${session.id}`;
    sessions.set(session.id, session);
    return [200, session];
  }

  function createRefund(body: Obj): [number, Obj] {
    if (refusal) return [400, error(refusal, 'charge_already_refunded')];
    const pi = String(body.payment_intent ?? '');
    const amount = Number(body.amount);
    const charged = paidBy.get(pi);
    if (charged === undefined) return [400, error(`No such payment_intent: '${pi}'`, 'resource_missing')];
    const refunded = refunds.filter((r) => r.payment_intent === pi).reduce((s, r) => s + Number(r.amount), 0);
    if (!(amount > 0) || refunded + amount > charged) return [400, error('Refund amount is greater than unrefunded amount on charge', 'amount_too_large')];
    const refund = { id: id('re'), object: 'refund', amount, currency: 'cny', payment_intent: pi, status: 'succeeded', metadata: body.metadata ?? {} };
    refunds.push(refund);
    return [200, refund];
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '').split('?')[0];
      const method = req.method ?? 'GET';
      requests.push({ method, path, headers: req.headers, body: parseStripeForm(text) });
      if (path.startsWith('/c/pay/')) return hostedPage(method, path, res);
      if (!/^Bearer sk_/.test(req.headers.authorization ?? '')) return send(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
      const key = req.headers['idempotency-key'];
      const scoped = typeof key === 'string' ? `${method} ${path} ${key}` : null;
      const seen = scoped ? byKey.get(scoped) : undefined;
      if (seen) {
        if (seen.body !== text)
          return send(res, 400, {
            error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' },
          });
        res.setHeader('idempotent-replayed', 'true');
        return send(res, seen.status, seen.response);
      }
      const got = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/);
      let result: [number, Obj];
      if (method === 'POST' && path === '/v1/checkout/sessions') result = createSession(parseStripeForm(text));
      else if (method === 'GET' && got) {
        const s = sessions.get(decodeURIComponent(got[1]));
        result = s ? [200, s] : [404, error(`No such checkout.session: '${got[1]}'`, 'resource_missing')];
      } else if (method === 'POST' && path === '/v1/refunds') result = createRefund(parseStripeForm(text));
      else result = [404, error(`Unrecognized request URL (${method}: ${path})`)];
      if (scoped) byKey.set(scoped, { body: text, status: result[0], response: result[1] });
      send(res, result[0], result[1]);
    });
  });
  /** GET shows the amount and a pay button; POST …/pay pays by card and sends the browser to success_url, as Stripe does. */
  function hostedPage(method: string, path: string, res: ServerResponse) {
    const [, , , sid, action] = path.split('/');
    const s = sessions.get(decodeURIComponent(sid ?? ''));
    if (s?.status !== 'open') {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><title>Stripe stand-in</title><h1>This session is no longer open</h1>');
    }
    if (method === 'POST' && action === 'pay') {
      s.status = 'complete';
      s.payment_intent ??= id('pi');
      settle(s.id);
      res.writeHead(303, { location: String(s.success_url).replace('{CHECKOUT_SESSION_ID}', s.id) });
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><title>Stripe stand-in</title><h1>Stripe stand-in checkout</h1>
<p>Amount: <strong>${(s.amount_total / 100).toFixed(2)} ${String(s.currency).toUpperCase()}</strong></p>
<form method="post" action="/c/pay/${s.id}/pay"><button type="submit">Pay</button></form>`);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  const session = (sid: string) => {
    const s = sessions.get(sid);
    if (!s) throw new Error(`stand-in: no session ${sid}`);
    return s;
  };
  const settle = (sid: string) => {
    const s = session(sid);
    s.payment_status = 'paid';
    paidBy.set(s.payment_intent!, s.amount_total);
    return s;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sessions,
    refunds,
    pay(sid, { paid = true } = {}) {
      const s = session(sid);
      s.status = 'complete';
      s.payment_intent ??= id('pi');
      return paid ? settle(sid) : s;
    },
    settle,
    expire(sid) {
      const s = session(sid);
      s.status = 'expired';
      return s;
    },
    refuseRefunds(message) {
      refusal = message;
    },
    requestsTo: (method, path) => requests.filter((r) => r.method === method && r.path === path),
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
