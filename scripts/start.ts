// Production start: apply migrations, then serve the build — static files and
// the Astro app (@astrojs/node in middleware mode) on our own node:http server
// (src/server/http-server.ts). Honours HOST (default localhost) and PORT (default 4321);
// serves HTTPS when SERVER_KEY_PATH and SERVER_CERT_PATH name PEM files (re-encryption
// behind a TLS-terminating balancer).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDatabase, optionsFromEnv } from '../db/client.ts';
import { listen, type AppHandler } from '../src/server/http-server.ts';

const entry = new URL('../dist/server/entry.mjs', import.meta.url);
if (!existsSync(entry)) {
  console.error('No build found: run `npm run build` first.');
  process.exit(1);
}

const database = await openDatabase(optionsFromEnv());
await database.migrate();
// PGlite allows one handle per data directory: release ours before the server opens its own.
await database.close();

const { handler } = (await import(entry.href)) as { handler: AppHandler };
const host = process.env.HOST || 'localhost';
const port = process.env.PORT ? Number(process.env.PORT) : 4321;
const { SERVER_KEY_PATH: keyPath, SERVER_CERT_PATH: certPath } = process.env;
const tls = keyPath && certPath ? { key: readFileSync(keyPath), cert: readFileSync(certPath) } : undefined;
const server = await listen(handler, fileURLToPath(new URL('../dist/client/', import.meta.url)), host, port, tls);
// SIGTERM (a deploy, `docker stop`): stop accepting and close idle keep-alive connections
// (server.close does both), let the requests in flight finish, then exit — at the latest
// after DRAIN_MS, when whatever is still open is cut.
const DRAIN_MS = 10_000;
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), DRAIN_MS).unref();
});
console.log(`Server listening on ${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`);
