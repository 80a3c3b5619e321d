// GET /healthz: which database driver the process uses and whether it answers
// within a few seconds. A load balancer takes the instance out on 503.
import { getDatabase, type Database } from '../../../db/client.ts';

export interface Health {
  ok: boolean;
  database: { driver: 'pglite' | 'postgres' | 'unknown'; ok: boolean };
}

export async function health(database: Promise<Database> = getDatabase(), timeoutMs = 3000): Promise<Health> {
  try {
    const db = await database;
    const ok = await withTimeout(db.ping(), timeoutMs);
    return { ok, database: { driver: db.driver, ok } };
  } catch {
    return { ok: false, database: { driver: 'unknown', ok: false } };
  }
}

export function healthStatus(h: Health): 200 | 503 {
  return h.ok ? 200 : 503;
}

function withTimeout(p: Promise<boolean>, ms: number): Promise<boolean> {
  return Promise.race([p, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref())]);
}
