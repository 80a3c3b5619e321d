// Vitest global setup: build the migrated template once per run.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../db/client.ts';
import { databaseUrl, uniqueName, withAdmin, type TemplateInfo } from './databases.ts';
import { testEnv } from './env.ts';
import { migrate } from '../../src/workflows/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    template: TemplateInfo;
  }
}

export default async function setup(project: TestProject) {
  const adminUrl = testEnv.DATABASE_URL;
  if (adminUrl) {
    const template = uniqueName('bangfu_tpl');
    await withAdmin(adminUrl, (sql) => sql.unsafe(`create database "${template}"`));
    const database = await openDatabase({ url: databaseUrl(adminUrl, template), poolMax: 1 });
    await migrate(database);
    await database.close();
    project.provide('template', { driver: 'postgres', adminUrl, template });
    return async () => {
      await withAdmin(adminUrl, (sql) => sql.unsafe(`drop database if exists "${template}" with (force)`));
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create();
  const database = await openDatabase({ pglite });
  await migrate(database);
  const dump = await pglite.dumpDataDir('none');
  await database.close();
  const dir = await mkdtemp(join(tmpdir(), 'bangfu-tpl-'));
  const dumpPath = join(dir, 'template.tar');
  await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide('template', { driver: 'pglite', dumpPath });
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
