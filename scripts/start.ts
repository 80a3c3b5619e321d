// Production start: apply migrations, then hand over to the built Astro server
// (@astrojs/node standalone, which honours HOST and PORT).
import { existsSync } from 'node:fs';
import { openDatabase, optionsFromEnv } from '../db/client.ts';

const entry = new URL('../dist/server/entry.mjs', import.meta.url);
if (!existsSync(entry)) {
  console.error('No build found: run `npm run build` first.');
  process.exit(1);
}

const database = await openDatabase(optionsFromEnv());
await database.migrate();
// PGlite allows one handle per data directory: release ours before the server opens its own.
await database.close();

await import(entry.href);
