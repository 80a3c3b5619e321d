// The production HTTP server (scripts/start.ts): the build's static files
// (dist/client: /_astro/*, /images/*, /favicon.svg) from memory, every other
// request to Astro (the node adapter in middleware mode).
//
// Why not the adapter's standalone server: it looks every request up on disk
// first (an lstat and a stat per page view, then renders), ~5 % of a catalogue
// page's CPU. The build's files never change while the server runs, so they are
// listed once at start and a page view touches no file at all.
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream';
import { createServer, IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { extname, join } from 'node:path';
import type { Logger } from 'pino';
import { env } from '../lib/env.ts';
import { acceptableRequestId, log, loggableUrl, newRequestId, withRequestId } from '../lib/log.ts';
import { securityHeaders, wantsHsts } from '../lib/security-headers.ts';

/** What the app sees of the connection, as Astro locals (App.Locals.socketAddress). */
export interface FrontLocals {
  socketAddress: string | undefined;
  /** This request's id: in the log lines, the X-Request-Id header and the error page. */
  requestId: string;
}

/** The node adapter's middleware-mode handler: (req, res, next, locals). */
export type AppHandler = (req: IncomingMessage, res: ServerResponse, next: undefined, locals: FrontLocals) => Promise<void> | void;

export interface StaticFile {
  path: string;
  /** The bytes, for files up to IN_MEMORY_MAX; larger ones are streamed from disk. */
  body: Buffer | null;
  headers: Record<string, string>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
};

const IN_MEMORY_MAX = 512 * 1024;

/** Hashed build output: the name changes with the content, so browsers keep it for a year. */
const IMMUTABLE_PREFIX = '/_astro/';

/**
 * Every file under `dir`, by the URL path it is served at. Dotfiles and dot
 * directories are left out (as the adapter's static handler does), except /.well-known/.
 */
export function scanStaticFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (abs: string, url: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name.startsWith('.') && !(url === '' && entry.name === '.well-known')) continue;
      const path = join(abs, entry.name);
      const at = `${url}/${entry.name}`;
      if (entry.isDirectory()) walk(path, at);
      else if (entry.isFile()) {
        const stat = statSync(path);
        files.set(at, {
          path,
          body: stat.size <= IN_MEMORY_MAX ? readFileSync(path) : null,
          headers: {
            'Content-Type': TYPES[extname(entry.name).toLowerCase()] ?? 'application/octet-stream',
            'Content-Length': String(stat.size),
            ETag: `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
            'Last-Modified': stat.mtime.toUTCString(),
            'Cache-Control': at.startsWith(IMMUTABLE_PREFIX) ? 'public, max-age=31536000, immutable' : 'public, max-age=0',
            'X-Content-Type-Options': 'nosniff',
          },
        });
      }
    }
  };
  walk(dir, '');
  return files;
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: StaticFile): void {
  if (req.headers['if-none-match'] === file.headers.ETag) {
    res.writeHead(304, { ETag: file.headers.ETag, 'Cache-Control': file.headers['Cache-Control'] });
    res.end();
    return;
  }
  res.writeHead(200, file.headers);
  if (req.method === 'HEAD') res.end();
  else if (file.body) res.end(file.body);
  // pipeline closes the file when the client goes away half-way.
  else pipeline(createReadStream(file.path), res, () => undefined);
}

/** The methods the app answers; anything else (TRACE, PUT, DELETE, …) is a 405 here, before the app. */
const METHODS = new Set(['GET', 'HEAD', 'POST']);

/**
 * How many bytes of body a request may send, counted as they arrive (a chunked
 * body has no Content-Length to check): an action may carry photos (three 5 MB
 * claim photos, astro.config.mjs's actionBodySizeLimit), Stripe's webhook a few KB
 * (256 KB allowed), and nothing else needs more than a form's worth.
 */
export function bodyLimit(method: string | undefined, url: string): number {
  if (method !== 'POST') return 0;
  if (url.startsWith('/_actions/') || /[?&]_action=/.test(url)) return 16 * 1024 * 1024;
  if (url.startsWith('/api/webhooks/')) return 256 * 1024;
  return 64 * 1024;
}

/**
 * A request whose body is counted as the parser pushes it, before anyone reads it:
 * past its limit it stops accepting bytes and tells the listener, which answers 413
 * and closes the connection (a 200 MB chunked body never reaches memory whole).
 */
export class LimitedRequest extends IncomingMessage {
  limit = Number.POSITIVE_INFINITY;
  received = 0;
  tooLarge = false;
  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk !== null && !this.tooLarge) {
      this.received += typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : (chunk as Uint8Array).byteLength;
      if (this.received > this.limit) {
        this.tooLarge = true;
        this.emit('too-large');
        return false;
      }
    }
    return this.tooLarge ? false : super.push(chunk as Buffer, encoding);
  }
}

/** What our own refusals (400, 405, 413, 500) carry: the app's security headers, no forms to allow. */
let errorHeaders: Record<string, string> | undefined;
function refusalHeaders(): Record<string, string> {
  errorHeaders ??= Object.fromEntries(securityHeaders({ formTargets: [], hsts: wantsHsts(env.NODE_ENV, env.SITE_URL) }));
  return { ...errorHeaders, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };
}

function refuse(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { ...refusalHeaders(), ...extra });
  res.end(text);
}

/**
 * One line per request once it is answered (or the client gave up): id, method, address
 * (secrets redacted), status, milliseconds, body bytes received, the peer. Logged as JSON,
 * so control characters in a hostile address arrive escaped.
 */
function logWhenDone(logger: Logger, req: IncomingMessage, res: ServerResponse, id: string, url: string): void {
  const started = process.hrtime.bigint();
  res.once('close', () => {
    logger.info(
      {
        reqId: id,
        method: req.method,
        url: loggableUrl(url),
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        bytesIn: req instanceof LimitedRequest ? req.received : undefined,
        ip: req.socket.remoteAddress,
        ...(res.writableFinished ? {} : { aborted: true }),
      },
      'request',
    );
  });
}

/** The request listener: a GET or HEAD of a known file gets the file; everything else goes to the app. */
export function createListener(app: AppHandler, files: Map<string, StaticFile>, logger: Logger = log): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = req.url ?? '/';
    // A proxy we trust may have named the request already (nginx's $request_id); else we do.
    const id = (env.TRUSTED_PROXIES > 0 && acceptableRequestId(req.headers['x-request-id'])) || newRequestId();
    res.setHeader('X-Request-Id', id);
    logWhenDone(logger, req, res, id, url);
    if (!METHODS.has(req.method ?? '')) {
      refuse(res, 405, 'Method not allowed.', { Allow: 'GET, HEAD, POST' });
      return;
    }
    if (req instanceof LimitedRequest) {
      req.limit = bodyLimit(req.method, url);
      const declared = Number(req.headers['content-length'] ?? 0);
      const over = () => {
        refuse(res, 413, 'Request body too large.', { Connection: 'close' });
        // Let the answer go out, then drop the rest of the upload.
        res.once('finish', () => req.socket.destroy());
      };
      if (declared > req.limit) {
        over();
        return;
      }
      req.once('too-large', over);
    }
    let pathname: string;
    try {
      const end = url.search(/[?#]/);
      pathname = decodeURIComponent(end === -1 ? url : url.slice(0, end));
      decodeURI(url);
    } catch {
      refuse(res, 400, 'Bad request.');
      return;
    }
    const file = req.method === 'GET' || req.method === 'HEAD' ? files.get(pathname) : undefined;
    if (file) {
      sendFile(req, res, file);
      return;
    }
    // The real TCP peer: Astro's own clientAddress takes X-Forwarded-For on trust once
    // security.allowedDomains is set (astro.config.mjs), which would let anyone pick their IP.
    // Everything the app logs meanwhile carries the request's id.
    withRequestId(id, () => Promise.resolve(app(req, res, undefined, { socketAddress: req.socket.remoteAddress, requestId: id }))).catch((error: unknown) => {
      // A body cut off at its limit has been answered 413 already.
      if (req instanceof LimitedRequest && req.tooLarge) return;
      logger.error({ reqId: id, err: error, url: loggableUrl(url) }, 'could not render');
      refuse(res, 500, `Internal server error. Request id: ${id}`);
    });
  };
}

/**
 * Keep idle keep-alive connections longer than the load balancer does (nginx and most
 * cloud balancers: 60 s), so the balancer never reuses a connection we just closed (a 502).
 */
const KEEP_ALIVE_MS = 65_000;

/** Listens on host:port (HTTPS when given a key and certificate, PEM) and resolves once it does. */
export async function listen(app: AppHandler, clientDir: string, host: string, port: number, tls?: { key: Buffer; cert: Buffer }, logger: Logger = log): Promise<Server> {
  const listener = createListener(app, scanStaticFiles(clientDir), logger);
  const options = { IncomingMessage: LimitedRequest };
  const server: Server = tls ? createTlsServer({ ...tls, ...options }, listener) : createServer(options, listener);
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Later errors (EMFILE when accepting under load, say) are logged, not fatal.
  server.on('error', (error) => log.error({ err: error }, 'HTTP server error'));
  return server;
}
