// In an integration test file: `const t = useTestDatabase();` then `t.db` in tests.
// Each file gets its own database cloned from the run's migrated template.
import { afterAll, beforeAll, inject } from 'vitest';
import type { Database, Db } from '../../db/client.ts';
import { cloneTemplate, type TestDatabase } from './databases.ts';

export function useTestDatabase(): { readonly db: Db; readonly database: Database } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await cloneTemplate(inject('template'));
  });
  afterAll(async () => {
    await database?.drop();
  });
  return {
    get db() {
      if (!database) throw new Error('test database not ready');
      return database.db;
    },
    get database() {
      if (!database) throw new Error('test database not ready');
      return database;
    },
  };
}
