// Prepared queries, built once per database handle and kept for the life of the
// process. Drizzle otherwise rebuilds a query's SQL text on every call (walking
// the query tree, `is()` checks on every node): on the catalogue pages that was
// the largest single share of the server's CPU. A prepared query keeps its SQL
// and its placeholders; each call only fills the values in. With postgres.js the
// statement is also prepared once per connection instead of parsed per call.
//
// Rows are mapped by a mapper compiled once per query, too: Drizzle's own
// mapResultRow works out each column's decoder again for every column of every
// row (three `is()` prototype walks each), ~4 % of a catalogue page's CPU. The
// compiled mapper calls the same decoders and builds the same nested objects; it
// is handed to Drizzle as the prepared query's `customResultMapper`, which both
// drivers' sessions (postgres-js, pglite) call instead of mapResultRow. Queries
// with an outer join keep Drizzle's mapping (it turns an absent joined row into null).
import { Column, is, SQL, Subquery } from 'drizzle-orm';
import type { Db } from './client.ts';

const byDb = new WeakMap<Db, Map<string, unknown>>();

/** The query `build` returns (one prepared query, or an object of them), built on the first call for this `db` and `key` only. */
export function preparedOnce<T>(db: Db, key: string, build: () => T): T {
  let cache = byDb.get(db);
  if (!cache) {
    cache = new Map();
    byDb.set(db, cache);
  }
  let query = cache.get(key) as T | undefined;
  if (query === undefined) {
    query = build();
    for (const prepared of isPrepared(query) ? [query] : Object.values(query as object)) if (isPrepared(prepared)) compileMapper(prepared);
    cache.set(key, query);
  }
  return query;
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/** What a Drizzle prepared select carries (drizzle-orm/{postgres-js,pglite}/session.js). */
interface PreparedSelect {
  execute(...args: unknown[]): Promise<unknown>;
  fields?: { path: string[]; field: unknown }[];
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: (rows: unknown[][]) => unknown;
}

function isPrepared(value: unknown): value is PreparedSelect {
  return typeof value === 'object' && value !== null && typeof (value as PreparedSelect).execute === 'function';
}

/** The decoder Drizzle's mapResultRow would pick (an SQL's `decoder` is internal, hence the casts). */
function decoderOf(field: unknown): Decoder {
  const sqlDecoder = (sql: unknown) => (sql as { decoder: Decoder }).decoder;
  if (is(field, Column)) return field;
  if (is(field, SQL)) return sqlDecoder(field);
  if (is(field, Subquery)) return sqlDecoder(field._.sql);
  return sqlDecoder((field as SQL.Aliased).sql);
}

function compileMapper(query: PreparedSelect): void {
  const { fields, joinsNotNullableMap } = query;
  if (!fields || query.customResultMapper) return;
  if (joinsNotNullableMap && Object.values(joinsNotNullableMap).some((notNull) => !notNull)) return;
  const columns = fields.map(({ path, field }) => ({ parents: path.slice(0, -1), key: path[path.length - 1], decoder: decoderOf(field) }));
  const mapRow = (row: unknown[]) => {
    const result: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const { parents, key, decoder } = columns[i];
      let node = result;
      for (const name of parents) {
        node[name] ??= {};
        node = node[name] as Record<string, unknown>;
      }
      const raw = row[i];
      node[key] = raw === null ? null : decoder.mapFromDriverValue(raw);
    }
    return result;
  };
  query.customResultMapper = (rows) => rows.map(mapRow);
}
