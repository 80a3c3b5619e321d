// `npm run ledger:check`: proves the assistance ledger equals the orders it
// records (paid goods minus refunds) and that its monthly sums equal its entries,
// to the 分. Exit code 1 and the first mismatches when not.
import { openDatabase, optionsFromEnv } from '../db/client.ts';
import { checkLedger } from '../src/modules/ledger/check.server.ts';
import { yuan } from '../src/modules/reports/format.ts';
import { migrate } from '../src/workflows/migrate.ts';

const database = await openDatabase(optionsFromEnv());
try {
  await migrate(database);
  const r = await checkLedger(database.db);
  console.log(`ledger: ${r.entries} entries, ${yuan(r.ledgerTotal)} 元 in all; ${r.ordersChecked} orders checked`);
  for (const m of r.mismatches) console.log(`✗ ${m.what} ${m.key}: expected ${yuan(m.expected)} 元, ledger has ${yuan(m.actual)} 元`);
  console.log(r.ok ? '✓ the ledger reconciles to the 分' : `✗ ${r.mismatches.length} mismatch(es)`);
  process.exitCode = r.ok ? 0 : 1;
} finally {
  await database.close();
}
