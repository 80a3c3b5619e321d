// The production server's front: the build's files straight from memory, every
// other request to the app — on a real node:http server over a real socket.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/log.ts';
import { listen, type FrontLocals } from './http-server.ts';

let dir: string;
let server: Server;
let origin: string;
const appSaw: string[] = [];
const appLocals: FrontLocals[] = [];
const big = Buffer.alloc(600 * 1024, 'a');
const logLines: string[] = [];
const logger = createLogger({ write: (line: string) => logLines.push(line) });

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'bangfu-static-'));
  dir = join(root, 'client');
  mkdirSync(join(dir, '_astro'), { recursive: true });
  mkdirSync(join(dir, 'images', '产品'), { recursive: true });
  writeFileSync(join(dir, '_astro', 'Base.abc123.css'), 'body{color:green}');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'images', '产品', '桃.svg'), '<svg/>');
  writeFileSync(join(dir, 'big.pdf'), big);
  writeFileSync(join(dir, '.env'), 'SECRET=1');
  writeFileSync(join(root, 'outside.txt'), 'not served');
  server = await listen(
    (req, res, _next, locals) => {
      appSaw.push(`${req.method} ${req.url}`);
      appLocals.push(locals);
      if (req.url === '/throws') return Promise.reject(new Error('render failed'));
      // As the real app does, a POST's body is read before the answer.
      const answer = () => {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('from the app');
      };
      if (req.method !== 'POST') return answer();
      return new Promise<void>((resolve, reject) => {
        req.on('data', () => {});
        req.on('end', () => {
          answer();
          resolve();
        });
        req.on('error', reject);
      });
    },
    dir,
    '127.0.0.1',
    0,
    undefined,
    logger,
  );
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

/** A GET with the path sent exactly as written (fetch would resolve the dot segments first). */
function rawGet(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/`, { path }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end();
  });
}

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

describe('the production HTTP server', () => {
  it('serves the hashed build files for a year, with their type, without asking the app', async () => {
    appSaw.length = 0;
    const r = await fetch(`${origin}/_astro/Base.abc123.css`);
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('body{color:green}');
    expect(r.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(appSaw).toEqual([]);
  });

  it('serves public files (revalidated), answers HEAD and a matching ETag with 304, and finds non-ASCII names', async () => {
    const r = await fetch(`${origin}/favicon.svg?v=2`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/svg+xml');
    expect(r.headers.get('cache-control')).toBe('public, max-age=0');
    const etag = r.headers.get('etag')!;
    expect((await fetch(`${origin}/favicon.svg`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const head = await fetch(`${origin}/favicon.svg`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe('41');
    expect(await head.text()).toBe('');
    expect(await (await fetch(`${origin}/images/${encodeURIComponent('产品')}/${encodeURIComponent('桃')}.svg`)).text()).toBe('<svg/>');
  });

  it('streams files too large to keep in memory', async () => {
    const r = await fetch(`${origin}/big.pdf`);
    expect(r.headers.get('content-length')).toBe(String(big.length));
    expect(Buffer.from(await r.arrayBuffer()).equals(big)).toBe(true);
  });

  it('sends pages, other methods, dotfiles and paths outside the build to the app', async () => {
    appSaw.length = 0;
    expect(await (await fetch(`${origin}/products?page=2`)).text()).toBe('from the app');
    expect((await fetch(`${origin}/_astro/Base.abc123.css`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${origin}/.env`)).status).toBe(404);
    expect(await rawGet('/_astro/../../outside.txt')).toBe(404);
    expect(await rawGet('/_astro/%2e%2e/%2e%2e/outside.txt')).toBe(404);
    expect(appSaw).toEqual(['GET /products?page=2', 'POST /_astro/Base.abc123.css', 'GET /.env', 'GET /_astro/../../outside.txt', 'GET /_astro/%2e%2e/%2e%2e/outside.txt']);
  });

  it("tells the app the connection's own address, whatever X-Forwarded-For claims", async () => {
    appLocals.length = 0;
    await fetch(`${origin}/signin`, { headers: { 'x-forwarded-for': '6.6.6.6', 'x-forwarded-host': 'shop.example.org' } });
    expect(appLocals).toEqual([{ socketAddress: '127.0.0.1', requestId: expect.stringMatching(/^[0-9a-f]{12}$/) }]);
  });

  it('answers 500 when the app fails outright, with the id to quote, and keeps serving', async () => {
    const r = await fetch(`${origin}/throws`);
    expect(r.status).toBe(500);
    expect(await r.text()).toContain(r.headers.get('x-request-id'));
    expect((await fetch(`${origin}/favicon.svg`)).status).toBe(200);
  });

  it('logs each request once as a JSON line with its id, secrets in the address redacted', async () => {
    logLines.length = 0;
    const r = await fetch(`${origin}/group/g_secret123?token=t_secret&q=%0A%E6%A1%83&next=${encodeURIComponent('/group/g_other?x=1')}`);
    await r.text();
    const id = r.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    // The line is written when the connection has closed the exchange.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logLines).toHaveLength(1);
    expect(logLines[0].slice(0, -1)).not.toContain('\n');
    const line = JSON.parse(logLines[0]);
    expect(line).toMatchObject({ level: 30, msg: 'request', reqId: id, method: 'GET', status: 404, ip: '127.0.0.1' });
    expect(line.url).toBe(`/group/[redacted]?token=[redacted]&q=%0A%E6%A1%83&next=${encodeURIComponent('/group/[redacted]?x=1')}`);
    expect(logLines[0]).not.toMatch(/secret|g_other/);
  });

  it('gives every request its own id, and takes a proxy’s only when told to trust one', async () => {
    const a = await fetch(`${origin}/favicon.svg`, { headers: { 'x-request-id': 'forged-id-0001' } });
    const b = await fetch(`${origin}/favicon.svg`);
    expect(a.headers.get('x-request-id')).not.toBe('forged-id-0001');
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });

  it('refuses a malformed address with 400 instead of passing it on', async () => {
    appSaw.length = 0;
    const r = await fetch(`${origin}/products/%E0%A4%A`);
    expect(r.status).toBe(400);
    expect(appSaw).toEqual([]);
  });

  it('serves HTTPS when given a key and certificate', async () => {
    const keyPath = join(dir, '..', 'key.pem');
    const certPath = join(dir, '..', 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '1', '-subj', '/CN=127.0.0.1'], {
      stdio: 'ignore',
    });
    const tls = await listen(() => undefined, dir, '127.0.0.1', 0, { key: readFileSync(keyPath), cert: readFileSync(certPath) });
    try {
      const port = (tls.address() as AddressInfo).port;
      const body = await new Promise<string>((resolve, reject) => {
        httpsGet({ host: '127.0.0.1', port, path: '/_astro/Base.abc123.css', rejectUnauthorized: false }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(text));
        }).on('error', reject);
      });
      expect(body).toBe('body{color:green}');
    } finally {
      await new Promise((r) => tls.close(r));
    }
  });
});

describe('what the front refuses before the app', () => {
  /** A raw request: method, path, headers and body chunks exactly as given (a chunked body when no length is set). */
  function raw(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    chunks: Buffer[] = [],
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(`${origin}/`, { method, path, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', (error: NodeJS.ErrnoException) =>
        error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve({ status: -1, headers: {}, body: '' }) : reject(error),
      );
      const write = async () => {
        for (const c of chunks) if (!req.write(c)) await new Promise((r) => req.once('drain', r));
        req.end();
      };
      write().catch(() => undefined);
    });
  }

  it('answers TRACE and other unsupported methods 405, with the security headers, without the app', async () => {
    const before = appSaw.length;
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH']) {
      const res = await raw(method, '/products');
      expect(res.status, method).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD, POST');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    expect(appSaw.length).toBe(before);
  });

  it('counts a chunked body as it arrives: past the limit it answers 413 and never reads the rest', async () => {
    // 600 KB in 16 KB chunks to the webhook (256 KB allowed), no Content-Length.
    const chunk = Buffer.alloc(16 * 1024, 'x');
    const res = await raw(
      'POST',
      '/api/webhooks/stripe',
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      Array.from({ length: 40 }, () => chunk),
    );
    expect([413, -1]).toContain(res.status);
    if (res.status === 413) expect(res.headers['content-security-policy']).toBeTruthy();
    // A declared length over the limit is refused before a byte of it is read.
    const declared = await raw('POST', '/account', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(10 * 1024 * 1024) }, [Buffer.from('a=1')]);
    expect([413, -1]).toContain(declared.status);
  });

  it('lets bodies within their limit through to the app', async () => {
    const before = appSaw.length;
    const res = await raw('POST', '/api/webhooks/stripe', { 'content-type': 'application/json' }, [Buffer.from('{"ok":true}')]);
    expect(res.status).toBe(404); // the stand-in app's answer
    expect(appSaw.length).toBe(before + 1);
  });
});
