// A built server on a seeded database of its own, for the fuzzing specs: the
// shared e2e server's database changes under the other specs, so "nothing
// written" could not be measured there. Signed-in identities get sessions
// made directly in the database (no sign-in, so no throttle in the way).
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { seedAccounts } from '../../db/seed-accounts.ts';
import { seedDemo } from '../../db/seed.ts';
import { productVariants, users } from '../../db/schema/index.ts';
import { shanghaiDate } from '../../src/lib/dates.ts';
import { createSession } from '../../src/modules/auth/sessions.server.ts';
import { placeTestOrder } from '../factories/orders.ts';
import { startCluster } from '../setup/instances.ts';
import { installWriteCounter } from './fuzz.ts';

export interface FuzzCluster {
  origin: string;
  /** Cookie header per identity: a guest, a consumer with an order, a village manager, the platform admin. */
  identities: { guest: string; consumer: string; manager: string; admin: string };
  /** A raw connection for fingerprints and the write count (installWriteCounter is in place). */
  sql: postgres.Sql;
  stop(): Promise<void>;
}

export async function fuzzCluster(): Promise<FuzzCluster> {
  const identities = { guest: '', consumer: '', manager: '', admin: '' };
  const cluster = await startCluster(
    1,
    async ({ database: { db } }) => {
      await seedDemo(db, shanghaiDate(new Date()));
      await seedAccounts(db);
      for (const who of ['consumer', 'manager', 'admin'] as const) {
        const [user] = await db
          .select()
          .from(users)
          .where(eq(users.email, `${who}@bangfu.local`));
        const { token } = await createSession(db, user.id, { ip: '127.0.0.1', userAgent: 'fuzz' });
        identities[who] = `bangfu_session=${token}`;
        // Orders to aim at: the consumer's, in the manager's village among others.
        if (who === 'consumer') {
          const variants = await db.select({ id: productVariants.id }).from(productVariants).limit(3);
          await placeTestOrder(db, { user: { id: user.id, email: user.email }, lines: variants.map((v) => ({ variantId: v.id, quantity: 1 })) });
        }
      }
      // A webhook secret, so hostile webhooks reach the signature check (without one it refuses everything with 503).
      // No background jobs: they change rows on their own (a mail kept seconds after the request that
      // wrote it, a sweep each minute), and here only requests may change a table.
    },
    { STRIPE_WEBHOOK_SECRET: 'whsec_fuzz_only', JOBS: 'off' },
  );
  const sql = postgres(cluster.db.url, { max: 1, onnotice: () => {} });
  await installWriteCounter(sql);
  return {
    origin: cluster.instances[0].origin,
    identities,
    sql,
    async stop() {
      await sql.end({ timeout: 5 });
      await cluster.stop();
    },
  };
}
