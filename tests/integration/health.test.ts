// /healthz tells a load balancer whether this instance can reach its database.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { health, healthStatus } from '../../src/modules/health/health.server.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();

describe('health', () => {
  it('is ok with the driver name when the database answers', async () => {
    const h = await health(Promise.resolve(t.database));
    expect(h).toEqual({ ok: true, database: { driver: t.database.driver, ok: true } });
    expect(healthStatus(h)).toBe(200);
  });

  it('is 503 when PostgreSQL does not answer', async () => {
    // Nothing listens on port 1: the connection is refused.
    const dead = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/nothing', poolMax: 1 });
    try {
      const h = await health(Promise.resolve(dead), 2000);
      expect(h).toEqual({ ok: false, database: { driver: 'postgres', ok: false } });
      expect(healthStatus(h)).toBe(503);
    } finally {
      await dead.close();
    }
  });

  it('is 503 when the database cannot even be opened', async () => {
    const h = await health(Promise.reject(new Error('no such directory')));
    expect(h.ok).toBe(false);
    expect(healthStatus(h)).toBe(503);
  });
});
