// Test databases: one migrated template per run, cloned for each test file.
// PostgreSQL: CREATE DATABASE … TEMPLATE. PGlite: a dump of the migrated data
// directory, loaded into a fresh in-memory instance.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../db/client.ts';

export type TemplateInfo = { driver: 'postgres'; adminUrl: string; template: string } | { driver: 'pglite'; dumpPath: string };

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export async function withAdmin<T>(adminUrl: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export interface TestDatabase extends Database {
  /** Close and remove the database. */
  drop(): Promise<void>;
}

export async function cloneTemplate(info: TemplateInfo): Promise<TestDatabase> {
  if (info.driver === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const dump = new Blob([await readFile(info.dumpPath)]);
    const pglite = await PGlite.create({ loadDataDir: dump });
    const database = await openDatabase({ pglite });
    return { ...database, drop: () => database.close() };
  }
  const name = uniqueName('bangfu_t');
  await withAdmin(info.adminUrl, async (sql) => {
    // Parallel clones of one template can collide on its lock: retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await sql.unsafe(`create database "${name}" template "${info.template}"`);
        return;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes('being accessed')) throw error;
        await new Promise((r) => setTimeout(r, 100 + attempt * 50));
      }
    }
  });
  const database = await openDatabase({ url: databaseUrl(info.adminUrl, name), poolMax: 4 });
  return {
    ...database,
    async drop() {
      await database.close();
      await withAdmin(info.adminUrl, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
    },
  };
}
