// Each require* guard, against real memberships: who passes, who gets 401/403.
import { describe, expect, it } from 'vitest';
import { requireAdmin, requireUser, type AuthLocals } from '../../src/modules/auth/guards.server.ts';
import { AccessError } from '../../src/lib/errors.ts';
import { createVillage } from '../factories/catalog.ts';
import { addUnitMember, appointVillageManager, createUnit, createUser } from '../factories/users.ts';
import { useTestDatabase } from '../setup/test-db.ts';
import { requireUnitRole } from '../../src/modules/units/access.server.ts';
import { requireManagedVillage, requireVillageManager } from '../../src/modules/villages/access.server.ts';

const t = useTestDatabase();
const anonymous: AuthLocals = { user: null, session: null };
const as = (user: { id: number; email: string; displayName: string; mobile: string | null; role: 'user' | 'admin' }): AuthLocals => ({
  user,
  session: { id: 's', userId: user.id, expiresAt: new Date(Date.now() + 1e9) },
});
async function status(fn: () => unknown): Promise<number> {
  try {
    await fn();
    return 200;
  } catch (e) {
    if (e instanceof AccessError) return e.status;
    throw e;
  }
}

describe('requireUser / requireAdmin', () => {
  it('401 for visitors, 403 for non-admins, pass for admins', async () => {
    const user = await createUser(t.db);
    const admin = await createUser(t.db, { role: 'admin' });
    expect(await status(() => requireUser(anonymous))).toBe(401);
    expect(await status(() => requireUser(as(user)))).toBe(200);
    expect(await status(() => requireAdmin(anonymous))).toBe(401);
    expect(await status(() => requireAdmin(as(user)))).toBe(403);
    expect(await status(() => requireAdmin(as(admin)))).toBe(200);
  });
});

describe('requireUnitRole', () => {
  it('lets members of this unit in, with the right role, and nobody from another unit', async () => {
    const [adminA, buyerA, staffA, adminB, outsider, platform] = await Promise.all([
      createUser(t.db),
      createUser(t.db),
      createUser(t.db),
      createUser(t.db),
      createUser(t.db),
      createUser(t.db, { role: 'admin' }),
    ]);
    const unitA = await createUnit(t.db, { createdBy: adminA.id });
    const unitB = await createUnit(t.db, { createdBy: adminB.id });
    await addUnitMember(t.db, unitA.id, adminA.id, 'admin');
    await addUnitMember(t.db, unitA.id, buyerA.id, 'buyer');
    await addUnitMember(t.db, unitA.id, staffA.id, 'staff');
    await addUnitMember(t.db, unitB.id, adminB.id, 'admin');

    expect(await status(() => requireUnitRole(t.db, anonymous, unitA.id))).toBe(401);
    expect(await status(() => requireUnitRole(t.db, as(staffA), unitA.id))).toBe(200);
    expect((await requireUnitRole(t.db, as(buyerA), unitA.id)).role).toBe('buyer');
    expect(await status(() => requireUnitRole(t.db, as(buyerA), unitA.id, ['admin']))).toBe(403);
    expect(await status(() => requireUnitRole(t.db, as(adminA), unitA.id, ['admin']))).toBe(200);
    expect(await status(() => requireUnitRole(t.db, as(adminB), unitA.id))).toBe(403);
    expect(await status(() => requireUnitRole(t.db, as(adminA), unitB.id))).toBe(403);
    expect(await status(() => requireUnitRole(t.db, as(outsider), unitA.id))).toBe(403);
    expect(await status(() => requireUnitRole(t.db, as(staffA), Number.NaN))).toBe(403);
    expect((await requireUnitRole(t.db, as(platform), unitB.id, ['admin'])).role).toBe('platform_admin');
  });
});

describe('requireVillageManager', () => {
  it('lets a village’s managers in and nobody else', async () => {
    const [manager, other, platform] = await Promise.all([createUser(t.db), createUser(t.db), createUser(t.db, { role: 'admin' })]);
    const mine = await createVillage(t.db);
    const theirs = await createVillage(t.db);
    await appointVillageManager(t.db, mine.id, manager.id);
    expect(await status(() => requireVillageManager(t.db, anonymous, mine.id))).toBe(401);
    expect(await status(() => requireVillageManager(t.db, as(manager), mine.id))).toBe(200);
    expect(await status(() => requireVillageManager(t.db, as(manager), theirs.id))).toBe(403);
    expect(await status(() => requireVillageManager(t.db, as(other), mine.id))).toBe(403);
    expect(await status(() => requireVillageManager(t.db, as(platform), theirs.id))).toBe(200);
  });
});

describe('requireManagedVillage', () => {
  it('finds the village by its slug for its managers; an unknown slug is refused like a stranger (403), not a 404', async () => {
    const [manager, other, platform] = await Promise.all([createUser(t.db), createUser(t.db), createUser(t.db, { role: 'admin' })]);
    const mine = await createVillage(t.db);
    const theirs = await createVillage(t.db);
    await appointVillageManager(t.db, mine.id, manager.id);
    expect(await status(() => requireManagedVillage(t.db, anonymous, mine.slug))).toBe(401);
    expect(await status(() => requireManagedVillage(t.db, anonymous, 'no-such-village'))).toBe(401);
    expect((await requireManagedVillage(t.db, as(manager), mine.slug)).id).toBe(mine.id);
    expect(await status(() => requireManagedVillage(t.db, as(manager), theirs.slug))).toBe(403);
    expect(await status(() => requireManagedVillage(t.db, as(manager), 'no-such-village'))).toBe(403);
    expect(await status(() => requireManagedVillage(t.db, as(other), mine.slug))).toBe(403);
    expect((await requireManagedVillage(t.db, as(platform), theirs.slug)).id).toBe(theirs.id);
    expect(await status(() => requireManagedVillage(t.db, as(platform), 'no-such-village'))).toBe(403);
  });
});
