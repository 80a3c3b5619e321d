// GET /healthz: which database driver the process uses and whether it answers.
import { getDatabase } from '../../../db/client.ts';

export interface Health {
  ok: boolean;
  database: { driver: 'pglite' | 'postgres' | 'unknown'; ok: boolean; error?: string };
}

export async function health(): Promise<Health> {
  try {
    const database = await getDatabase();
    const ok = await withTimeout(database.ping(), 3000);
    return { ok, database: { driver: database.driver, ok } };
  } catch {
    return { ok: false, database: { driver: 'unknown', ok: false, error: 'database unavailable' } };
  }
}

function withTimeout(p: Promise<boolean>, ms: number): Promise<boolean> {
  return Promise.race([p, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref())]);
}
