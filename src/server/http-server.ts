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
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { extname, join } from 'node:path';

/** What the app sees of the connection, as Astro locals (App.Locals.socketAddress). */
export interface FrontLocals {
  socketAddress: string | undefined;
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

/** The request listener: a GET or HEAD of a known file gets the file; everything else goes to the app. */
export function createListener(app: AppHandler, files: Map<string, StaticFile>): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = req.url ?? '/';
    let pathname: string;
    try {
      const end = url.search(/[?#]/);
      pathname = decodeURIComponent(end === -1 ? url : url.slice(0, end));
      decodeURI(url);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Bad request.');
      return;
    }
    const file = req.method === 'GET' || req.method === 'HEAD' ? files.get(pathname) : undefined;
    if (file) {
      sendFile(req, res, file);
      return;
    }
    // The real TCP peer: Astro's own clientAddress takes X-Forwarded-For on trust once
    // security.allowedDomains is set (astro.config.mjs), which would let anyone pick their IP.
    Promise.resolve(app(req, res, undefined, { socketAddress: req.socket.remoteAddress })).catch((error: unknown) => {
      console.error(`Could not render ${req.url}:`, error);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Internal server error.');
      } else res.destroy();
    });
  };
}

/**
 * Keep idle keep-alive connections longer than the load balancer does (nginx and most
 * cloud balancers: 60 s), so the balancer never reuses a connection we just closed (a 502).
 */
const KEEP_ALIVE_MS = 65_000;

/** Listens on host:port (HTTPS when given a key and certificate, PEM) and resolves once it does. */
export async function listen(app: AppHandler, clientDir: string, host: string, port: number, tls?: { key: Buffer; cert: Buffer }): Promise<Server> {
  const listener = createListener(app, scanStaticFiles(clientDir));
  const server: Server = tls ? createTlsServer(tls, listener) : createServer(listener);
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
  server.on('error', (error) => console.error('HTTP server error:', error));
  return server;
}
