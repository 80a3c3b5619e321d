// npm run db:migrate | db:seed, and `prepare` (migrate, then seed an empty
// catalogue) which `npm run dev` runs before starting Astro.
import { count } from 'drizzle-orm';
import { openDatabase, optionsFromEnv } from '../db/client.ts';
import { villages } from '../db/schema/index.ts';
import { seedAccounts } from '../db/seed-accounts.ts';
import { seedDemo } from '../db/seed.ts';
import { seedDemoOrders } from '../db/seed-orders.ts';
import { seedDemoProcurement } from '../db/seed-procurement.ts';
import { shanghaiDate } from '../src/lib/dates.ts';
import { migrate } from '../src/workflows/migrate.ts';

const command = process.argv[2];
if (!['migrate', 'seed', 'prepare'].includes(command ?? '')) {
  console.error('usage: node scripts/db.ts migrate|seed|prepare');
  process.exit(2);
}

const database = await openDatabase(optionsFromEnv());
const where = database.driver === 'pglite' ? `PGlite (${(optionsFromEnv() as { dataDir: string }).dataDir})` : 'PostgreSQL';
try {
  await migrate(database);
  console.log(`✓ migrations applied on ${where}`);
  if (command !== 'migrate') {
    const [{ n }] = await database.db.select({ n: count() }).from(villages);
    if (command === 'seed' || n === 0) {
      const r = await seedDemo(database.db, shanghaiDate(new Date()));
      console.log(`✓ demo data: ${r.villagesCreated} villages and ${r.productsCreated} products added, ${r.villagesSkipped} villages already there`);
      const a = await seedAccounts(database.db);
      console.log(`✓ demo accounts: ${a.accountsCreated} added (password in README; local use only)`);
      const o = await seedDemoOrders(database.db, new Date());
      console.log(`✓ demo sales history: ${o.ordersCreated} paid orders over the past year`);
      const p = await seedDemoProcurement(database.db, new Date());
      console.log(`✓ demo procurement: ${p.contractsCreated} contract with deliveries, invoices and a payment`);
    }
  }
} finally {
  await database.close();
}
