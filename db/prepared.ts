// Prepared queries, built once per database handle and kept for the life of the
// process. Drizzle otherwise rebuilds a query's SQL text on every call (walking
// the query tree, `is()` checks on every node): on the catalogue pages that was
// the largest single share of the server's CPU. A prepared query keeps its SQL
// and its placeholders; each call only fills the values in. With postgres.js the
// statement is also prepared once per connection instead of parsed per call.
import type { Db } from './client.ts';

const byDb = new WeakMap<Db, Map<string, unknown>>();

/** The query `build` returns, built on the first call for this `db` and `key` only. */
export function preparedOnce<T>(db: Db, key: string, build: () => T): T {
  let cache = byDb.get(db);
  if (!cache) byDb.set(db, (cache = new Map()));
  let query = cache.get(key) as T | undefined;
  if (query === undefined) cache.set(key, (query = build()));
  return query;
}
