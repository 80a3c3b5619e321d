// Production start: apply migrations, then serve the build — static files and
// the Astro app (@astrojs/node in middleware mode) on our own node:http server
// (src/server/http-server.ts) — and run the background jobs (src/workflows/jobs.ts)
// unless JOBS=off. Honours HOST (default localhost) and PORT (default 4321);
// serves HTTPS when SERVER_KEY_PATH and SERVER_CERT_PATH name PEM files (re-encryption
// behind a TLS-terminating balancer).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getDatabase } from '../db/client.ts';
import { env } from '../src/lib/env.ts';
import { listen, type AppHandler } from '../src/server/http-server.ts';
import { startBackgroundJobs } from '../src/workflows/jobs.ts';
import { migrate } from '../src/workflows/migrate.ts';

const entry = new URL('../dist/server/entry.mjs', import.meta.url);
if (!existsSync(entry)) {
  console.error('No build found: run `npm run build` first.');
  process.exit(1);
}

// The process's one database handle. db/client.ts keeps it on globalThis, where the
// build's own copy of db/client.ts (bundled into dist/server) finds it: pages and
// jobs share it, as PGlite requires (a second handle on its directory would diverge).
const database = await getDatabase();
await migrate(database);

const { handler } = (await import(entry.href)) as { handler: AppHandler };
const host = process.env.HOST || 'localhost';
const port = process.env.PORT ? Number(process.env.PORT) : 4321;
const { SERVER_KEY_PATH: keyPath, SERVER_CERT_PATH: certPath } = process.env;
const tls = keyPath && certPath ? { key: readFileSync(keyPath), cert: readFileSync(certPath) } : undefined;
const server = await listen(handler, fileURLToPath(new URL('../dist/client/', import.meta.url)), host, port, tls);
console.log(`Server listening on ${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`);
const jobs = env.JOBS === 'on' ? await startBackgroundJobs(database) : null;
if (jobs) console.log('Background jobs running');

// SIGTERM (a deploy, `docker stop`): stop accepting and close idle keep-alive connections
// (server.close does both), let the requests in flight finish; stop taking jobs and let
// the running ones finish (the job runner fails what is still running after 8 s, to be
// retried elsewhere); close the database, then exit — at the latest after DRAIN_MS,
// when whatever is still open is cut.
const DRAIN_MS = 10_000;
process.once('SIGTERM', () => {
  setTimeout(() => process.exit(0), DRAIN_MS).unref();
  const served = new Promise<void>((resolve) => server.close(() => resolve()));
  const stopped = jobs?.stop().catch((error: unknown) => console.error('stopping the background jobs failed:', error));
  void Promise.all([served, stopped])
    .then(() => database.close())
    .catch((error: unknown) => console.error('closing the database failed:', error))
    .finally(() => process.exit(0));
});
