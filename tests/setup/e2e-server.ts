// The server the browser tests talk to: the production build (`npm run build`
// must have run) on a fresh, seeded database that is removed afterwards.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type OpenOptions } from '../../db/client.ts';
import { seedAccounts } from '../../db/seed-accounts.ts';
import { seedDemo } from '../../db/seed.ts';
import { seedDemoOrders } from '../../db/seed-orders.ts';
import { seedDemoProcurement } from '../../db/seed-procurement.ts';
import { shanghaiDate } from '../../src/lib/dates.ts';
import { STANDIN_WEBHOOK_SECRET, startStripeStandin } from '../support/stripe-standin.ts';
import { databaseUrl, uniqueName, withAdmin } from './databases.ts';
import { testEnv } from './env.ts';
import { migrate } from '../../src/workflows/migrate.ts';

if (!existsSync(new URL('../../dist/server/entry.mjs', import.meta.url))) {
  console.error('e2e: no build in dist/ — run `npm run build` first (npm test does).');
  process.exit(1);
}

const adminUrl = testEnv.DATABASE_URL;
const name = uniqueName('bangfu_e2e');
let options: OpenOptions;
let cleanup: () => Promise<void>;
if (adminUrl) {
  await withAdmin(adminUrl, (sql) => sql.unsafe(`create database "${name}"`));
  options = { url: databaseUrl(adminUrl, name) };
  cleanup = () => withAdmin(adminUrl, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`)).then(() => {});
} else {
  const dir = await mkdtemp(join(tmpdir(), 'bangfu-e2e-'));
  options = { dataDir: dir };
  cleanup = () => rm(dir, { recursive: true, force: true });
}

const database = await openDatabase(options);
await migrate(database);
await seedDemo(database.db, shanghaiDate(new Date()));
await seedAccounts(database.db);
await seedDemoOrders(database.db, new Date());
await seedDemoProcurement(database.db, new Date());
await database.close();

// Stripe is on, against a local stand-in for its API and hosted payment page,
// so the browser tests can follow the online payment through the real SDK.
const stripe = await startStripeStandin();
const env: NodeJS.ProcessEnv = {
  ...process.env,
  HOST: '127.0.0.1',
  PORT: String(testEnv.E2E_PORT),
  NODE_ENV: 'production',
  STRIPE_SECRET_KEY: 'sk_test_e2e_standin',
  STRIPE_WEBHOOK_SECRET: STANDIN_WEBHOOK_SECRET,
  STRIPE_API_BASE: stripe.url,
  UPLOAD_DIR: join(tmpdir(), `bangfu-e2e-uploads-${name}`),
  // Warnings and errors only: a line per request would bury them in the test output.
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};
if ('url' in options) env.DATABASE_URL = options.url;
else {
  delete env.DATABASE_URL;
  env.PGLITE_DIR = (options as { dataDir: string }).dataDir;
}
const server = spawn(process.execPath, ['scripts/start.ts'], { env, stdio: 'inherit' });

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  server.kill('SIGTERM');
  await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
  await cleanup().catch((e) => console.error('e2e cleanup failed:', e));
  await stripe.close().catch(() => {});
  await rm(env.UPLOAD_DIR!, { recursive: true, force: true }).catch(() => {});
  process.exit(code);
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
server.on('exit', (code) => void stop(code ?? 1));
