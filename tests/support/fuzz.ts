// Hostile inputs for the fuzzing specs (fast-check arbitraries), a count of the rows
// written and a fingerprint of every table, to prove a refused request wrote nothing.
import fc from 'fast-check';
import type postgres from 'postgres';

/** Strings that have broken web apps before: injection, markup, odd numbers, odd Unicode. */
export const HOSTILE = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1; SELECT pg_sleep(5)',
  "1' UNION SELECT password_hash FROM users --",
  '\\',
  '"',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}',
  '${7*7}',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%00',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '\uFFFE\uFFFF',
  '\u202Eevil',
  '\u200B',
  '𠮷野家',
  '😀'.repeat(300),
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '1e-400',
  '9007199254740993',
  '2147483648',
  '-2147483649',
  '99999999999999999999999999',
  '-1',
  '0',
  '-0',
  '1.5',
  '0x10',
  '1_000',
  ' 1 ',
  '١٢٣',
  '[]',
  '{}',
  'null',
  'undefined',
  'true',
  'false',
  'on',
  '__proto__',
  'constructor',
  '',
  ' ',
  '\r\n',
];

/** One form value: hostile constants, random text (any Unicode, lone surrogates included), numbers of every size, oversized text. */
export const formValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 2_001, max: 20_000 }).map((n) => 'あ<'.repeat(n / 2)) },
);

/** A JSON value of the wrong type (or the right one with a hostile value). */
export const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  formValue,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 1e308, 2 ** 31),
  fc.array(formValue, { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), formValue, { maxKeys: 3 }),
  fc.constant({ __proto__: { admin: true } }),
);

/** Form fields: the action's own names (some left out), plus stray keys. */
export function formFields(names: string[]): fc.Arbitrary<[string, string][]> {
  const own = names.length
    ? fc.tuple(...names.map((n) => fc.option(fc.tuple(fc.constant(n), formValue), { freq: 5 }))).map((pairs) => pairs.filter((p): p is [string, string] => p !== null))
    : fc.constant([] as [string, string][]);
  const stray = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names, '__proto__', 'constructor', 'photos', '_action'), fc.string({ maxLength: 10 })), formValue), {
    maxLength: 3,
  });
  return fc.tuple(own, stray).map(([a, b]) => [...a, ...b]);
}

/** A raw body with a content type that may not match it. */
export const rawBody: fc.Arbitrary<{ type: string | null; body: Uint8Array }> = fc.record({
  type: fc.constantFrom(
    null,
    'text/plain',
    'application/xml',
    'application/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
    'image/png',
    'application/x-www-form-urlencoded; charset=latin1',
    '*/*',
    'garbage',
  ),
  body: fc.oneof(
    // invalid UTF-8 and broken percent-encoding
    fc
      .constantFrom(
        'a=%FF%FE&b=%C0%80',
        'variantId=%ED%A0%80',
        'x=%',
        '%%%',
        '{"a":',
        '[1,2',
        '<?xml version="1.0"?><a/>',
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb',
      )
      .map((s) => new TextEncoder().encode(s)),
    fc.uint8Array({ maxLength: 200 }),
    fc.json().map((s) => new TextEncoder().encode(s)),
  ),
});

/**
 * A fingerprint of every row of every table but the sign-in throttle (which a
 * refused sign-in is meant to write): equal before and after = nothing written.
 */
export async function tableFingerprint(sql: postgres.Sql, except: string[] = ['auth_throttle', 'fuzz_writes']): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }[]>`select tablename as name from pg_tables where schemaname = 'public' order by tablename`;
  const parts = tables
    .map((t) => t.name)
    .filter((n) => !except.includes(n))
    .map((n) => `'${n}', (select count(*) || ':' || coalesce(md5(string_agg(md5(x::text), '' order by md5(x::text))), '') from "${n}" x)`);
  // A PostgreSQL function takes at most 100 arguments (50 tables): build the object in chunks and merge them.
  const chunks = Array.from({ length: Math.ceil(parts.length / 40) }, (_, i) => `jsonb_build_object(${parts.slice(i * 40, i * 40 + 40).join(', ')})`);
  const [row] = await sql.unsafe(`select ${chunks.join(' || ')} as f`);
  return row.f as Record<string, string>;
}

/**
 * Counts every row inserted, updated or deleted in the public tables (but the sign-in throttle,
 * which a refused sign-in is meant to write) from now on, with row triggers that bump one
 * counter row in the writer's own transaction: a rolled-back write does not count, a committed
 * one always does, even one that leaves the row as it was. Reading it (writeCount) takes a
 * fraction of a millisecond where a fingerprint of every table takes tens, so every refused
 * request can be checked. For a fuzzing database only.
 */
export async function installWriteCounter(sql: postgres.Sql, except: string[] = ['auth_throttle']): Promise<void> {
  await sql.unsafe(`
    create table if not exists fuzz_writes (id int primary key, n bigint not null);
    insert into fuzz_writes values (1, 0) on conflict do nothing;
    create or replace function fuzz_count_write() returns trigger language plpgsql as $$
      begin update fuzz_writes set n = n + 1 where id = 1; return null; end $$;`);
  const tables = await sql<{ name: string }[]>`select tablename as name from pg_tables where schemaname = 'public' order by tablename`;
  for (const { name } of tables) {
    if (name === 'fuzz_writes' || except.includes(name)) continue;
    await sql.unsafe(`create or replace trigger fuzz_count_write after insert or update or delete on "${name}" for each row execute function fuzz_count_write()`);
  }
}

/** Rows written since installWriteCounter (committed transactions only). */
export async function writeCount(sql: postgres.Sql): Promise<string> {
  const [row] = await sql<{ n: string }[]>`select n::text from fuzz_writes where id = 1`;
  return row.n;
}

/** Requests, statuses and time per name (an action, a route), for the figures a fuzz run prints. */
export class FuzzFigures {
  private readonly rows = new Map<string, { requests: number; ms: number; statuses: Map<number, number> }>();
  count(name: string, status: number, ms: number) {
    const row = this.rows.get(name) ?? { requests: 0, ms: 0, statuses: new Map<number, number>() };
    this.rows.set(name, row);
    row.requests++;
    row.ms += ms;
    row.statuses.set(status, (row.statuses.get(status) ?? 0) + 1);
  }
  get requests() {
    return [...this.rows.values()].reduce((n, r) => n + r.requests, 0);
  }
  /** Requests answered with `status` or above, over every name. */
  atLeast(status: number) {
    return [...this.rows.values()].reduce((n, r) => n + [...r.statuses].filter(([s]) => s >= status).reduce((m, [, c]) => m + c, 0), 0);
  }
  statuses(): Record<string, number> {
    const all = new Map<number, number>();
    for (const r of this.rows.values()) for (const [s, c] of r.statuses) all.set(s, (all.get(s) ?? 0) + c);
    return Object.fromEntries([...all].sort(([a], [b]) => a - b));
  }
  /** Requests, seconds and statuses of one name. */
  line(name: string): string {
    const r = this.rows.get(name);
    if (!r) return `  ${name.padEnd(40)} —`;
    return `  ${name.padEnd(40)} ${String(r.requests).padStart(6)} in ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${JSON.stringify(Object.fromEntries([...r.statuses].sort(([a], [b]) => a - b)))}`;
  }
  /** One line per name. */
  table(): string {
    return [...this.rows.keys()].map((name) => this.line(name)).join('\n');
  }
}
