// The platform admin console's rules: unit review transitions, paired villages,
// village managers, disabling accounts, and the refusals an admin meets.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions, units, unitVillages, users, villageManagers } from '../../db/schema/index.ts';
import { AppointManagerSchema, RejectUnitSchema, SetUnitVillagesSchema } from '../../src/modules/admin/admin.ts';
import type { Actor } from '../../src/lib/actor.ts';
import { dashboardCounts } from '../../src/modules/admin/dashboard.server.ts';
import { failedJobs, retryFailedJob } from '../../src/modules/admin/jobs.server.ts';
import { getUnitForAdmin, listUnits, setUnitVillages } from '../../src/modules/admin/units.server.ts';
import { searchUsers, setUserDisabled, setUserRole } from '../../src/modules/admin/users.server.ts';
import { appointManager, listVillagesWithManagers, removeManager } from '../../src/modules/admin/villages.server.ts';
import { validateSessionToken } from '../../src/modules/auth/sessions.server.ts';
import { rejectUnit, verifyUnit } from '../../src/modules/units/review-unit.server.ts';
import { AccessError, DomainError } from '../../src/lib/errors.ts';
import { createVillage } from '../factories/catalog.ts';
import { addUnitMember, appointVillageManager, createSignedInUser, createUnit, createUser, pairUnitWithVillage } from '../factories/users.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof DomainError ? `${e.key}/${e.status}` : e instanceof AccessError ? `access/${e.status}` : `unexpected: ${String(e)}`),
  );
// What requireAdminActor gives the admin screens: the person as an Actor (an admin, or anyone else).
const actorOf = (u: { id: number; role: string }): Actor => ({ kind: u.role === 'admin' ? 'admin' : 'buyer', userId: u.id });
const newAdmin = async () => {
  const user = await createUser(t.db, { role: 'admin' });
  return { ...user, ...actorOf(user) };
};
const pendingUnit = async () => createUnit(t.db, { createdBy: (await createUser(t.db)).id, status: 'pending_admin_review' });
const statusOf = async (id: number) => (await t.db.select({ status: units.status, note: units.reviewNote, at: units.reviewedAt }).from(units).where(eq(units.id, id)))[0];

describe('reviewing a unit', () => {
  it('verifies a pending unit once; a second review of it is a conflict', async () => {
    const admin = await newAdmin();
    const unit = await pendingUnit();
    const now = new Date('2027-03-01T02:00:00Z');
    expect(await verifyUnit(t.db, admin, { unitId: unit.id }, now)).toEqual({ unitId: unit.id, status: 'verified' });
    expect(await statusOf(unit.id)).toEqual({ status: 'verified', note: null, at: now });
    expect(await refusal(verifyUnit(t.db, admin, { unitId: unit.id }))).toBe('state_changed/409');
    expect(await refusal(rejectUnit(t.db, admin, { unitId: unit.id, reason: '信用代码不符' }))).toBe('state_changed/409');
    expect((await statusOf(unit.id)).status).toBe('verified');
  });

  it('rejects with the reason the unit will read; a reason is required', async () => {
    const admin = await newAdmin();
    const unit = await pendingUnit();
    expect(RejectUnitSchema.safeParse({ unitId: String(unit.id), reason: '   ' }).error?.issues[0].message).toBe('reason_required');
    expect(RejectUnitSchema.safeParse({ unitId: String(unit.id), reason: null }).error?.issues[0].message).toBe('reason_required');
    expect(await refusal(rejectUnit(t.db, admin, { unitId: unit.id, reason: ' ' }))).toBe('reason_required/400');
    expect((await statusOf(unit.id)).status).toBe('pending_admin_review');

    const input = RejectUnitSchema.parse({ unitId: String(unit.id), reason: ' 统一社会信用代码与营业执照不一致，请核对后重新提交。 ' });
    await rejectUnit(t.db, admin, input);
    expect(await statusOf(unit.id)).toMatchObject({ status: 'rejected', note: '统一社会信用代码与营业执照不一致，请核对后重新提交。' });
    expect(await refusal(verifyUnit(t.db, admin, { unitId: unit.id }))).toBe('state_changed/409');
  });

  it('only two admins racing: exactly one decision wins', async () => {
    const [a, b] = [await newAdmin(), await newAdmin()];
    const unit = await pendingUnit();
    const results = await Promise.all([refusal(verifyUnit(t.db, a, { unitId: unit.id })), refusal(rejectUnit(t.db, b, { unitId: unit.id, reason: '重复登记' }))]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.filter((r) => r === 'state_changed/409')).toHaveLength(1);
  });

  it('refuses an unknown unit and a non-admin actor', async () => {
    const admin = await newAdmin();
    expect(await refusal(verifyUnit(t.db, admin, { unitId: 99_999_999 }))).toBe('not_found/404');
    const unit = await pendingUnit();
    const plain = await createUser(t.db);
    expect(await refusal(verifyUnit(t.db, actorOf(plain), { unitId: unit.id }))).toBe('access/403');
    expect((await statusOf(unit.id)).status).toBe('pending_admin_review');
  });

  it('lists units by status, oldest pending first, with parent and creator', async () => {
    const admin = await newAdmin();
    const creator = await createUser(t.db, { displayName: '登记人甲' });
    const parent = await createUnit(t.db, { createdBy: creator.id, name: '市农业农村局' });
    const older = await createUnit(t.db, { createdBy: creator.id, status: 'pending_admin_review', parentId: parent.id, createdAt: new Date('2020-01-01T00:00:00Z') });
    const { rows } = await listUnits(t.db, admin, { status: 'pending_admin_review', page: 1 });
    expect(rows[0]).toMatchObject({ id: older.id, parentName: '市农业农村局', creatorName: '登记人甲', status: 'pending_admin_review' });
    expect(rows.every((r) => r.status === 'pending_admin_review')).toBe(true);
    const verified = await listUnits(t.db, admin, { status: 'verified', page: 1 });
    expect(verified.rows.map((r) => r.id)).toContain(parent.id);
  });
});

describe('paired villages', () => {
  it('replaces the set in one go, keeping pairs that stay', async () => {
    const admin = await newAdmin();
    const unit = await createUnit(t.db, { createdBy: (await createUser(t.db)).id });
    const [a, b, c] = [await createVillage(t.db), await createVillage(t.db), await createVillage(t.db)];
    await pairUnitWithVillage(t.db, unit.id, a.id);
    const [before] = await t.db
      .select()
      .from(unitVillages)
      .where(and(eq(unitVillages.unitId, unit.id), eq(unitVillages.villageId, a.id)));

    const input = SetUnitVillagesSchema.parse({ unitId: String(unit.id), villageIds: [String(a.id), String(c.id), String(c.id)] });
    expect(await setUnitVillages(t.db, admin, input)).toEqual({ unitId: unit.id, count: 2 });
    const pairs = await t.db.select().from(unitVillages).where(eq(unitVillages.unitId, unit.id));
    expect(pairs.map((p) => p.villageId).sort((x, y) => x - y)).toEqual([a.id, c.id]);
    expect(pairs.find((p) => p.villageId === a.id)!.createdAt).toEqual(before.createdAt);

    const detail = await getUnitForAdmin(t.db, admin, unit.id);
    expect(
      detail!.villages
        .filter((v) => v.paired)
        .map((v) => v.id)
        .sort((x, y) => x - y),
    ).toEqual([a.id, c.id]);
    expect(detail!.villages.find((v) => v.id === b.id)!.paired).toBe(false);

    await setUnitVillages(t.db, admin, { unitId: unit.id, villageIds: [] });
    expect(await t.db.select().from(unitVillages).where(eq(unitVillages.unitId, unit.id))).toEqual([]);
  });

  it('changes nothing when a village does not exist or the unit is unknown', async () => {
    const admin = await newAdmin();
    const unit = await createUnit(t.db, { createdBy: (await createUser(t.db)).id });
    const v = await createVillage(t.db);
    await pairUnitWithVillage(t.db, unit.id, v.id);
    expect(await refusal(setUnitVillages(t.db, admin, { unitId: unit.id, villageIds: [99_999_999] }))).toBe('admin_village_unknown/400');
    expect((await t.db.select().from(unitVillages).where(eq(unitVillages.unitId, unit.id))).map((p) => p.villageId)).toEqual([v.id]);
    expect(await refusal(setUnitVillages(t.db, admin, { unitId: 99_999_999, villageIds: [v.id] }))).toBe('not_found/404');
  });
});

describe('village managers', () => {
  it('appoints by email (case-insensitive) and removes', async () => {
    const admin = await newAdmin();
    const village = await createVillage(t.db);
    const person = await createUser(t.db, { email: `cadre-${Date.now()}@example.com`, displayName: '驻村第一书记' });
    const input = AppointManagerSchema.parse({ villageId: String(village.id), email: `  ${person.email.toUpperCase()} ` });
    expect(await appointManager(t.db, admin, input)).toMatchObject({ villageId: village.id, userId: person.id });
    expect(await refusal(appointManager(t.db, admin, input))).toBe('admin_manager_exists/409');
    const listed = (await listVillagesWithManagers(t.db, admin)).find((v) => v.id === village.id)!;
    expect(listed.managers.map((m) => m.displayName)).toEqual(['驻村第一书记']);

    await removeManager(t.db, admin, { villageId: village.id, userId: person.id, confirm: 'on' });
    expect(await t.db.select().from(villageManagers).where(eq(villageManagers.villageId, village.id))).toEqual([]);
    expect(await refusal(removeManager(t.db, admin, { villageId: village.id, userId: person.id, confirm: 'on' }))).toBe('state_changed/409');
  });

  it('refuses an unknown email and a disabled account, with a message for the email field', async () => {
    const admin = await newAdmin();
    const village = await createVillage(t.db);
    const unknown = await appointManager(t.db, admin, { villageId: village.id, email: 'nobody-here@example.com' }).catch((e: DomainError) => e);
    expect(unknown).toMatchObject({ key: 'admin_manager_unknown', field: 'email', status: 404 });
    const gone = await createUser(t.db, { disabledAt: new Date() });
    expect(await refusal(appointManager(t.db, admin, { villageId: village.id, email: gone.email }))).toBe('admin_manager_disabled/409');
    expect(await refusal(appointManager(t.db, admin, { villageId: 99_999_999, email: gone.email }))).toBe('not_found/404');
    expect(AppointManagerSchema.safeParse({ villageId: '1', email: 'not an email' }).error?.issues[0].message).toBe('email_invalid');
  });

  it('counts villages without a manager on the dashboard', async () => {
    const admin = await newAdmin();
    const before = await dashboardCounts(t.db, admin);
    const village = await createVillage(t.db);
    expect((await dashboardCounts(t.db, admin)).villagesWithoutManager).toBe(before.villagesWithoutManager + 1);
    await appointVillageManager(t.db, village.id, (await createUser(t.db)).id);
    const after = await dashboardCounts(t.db, admin);
    expect(after.villagesWithoutManager).toBe(before.villagesWithoutManager);
    expect(after.users).toBeGreaterThanOrEqual(before.users + 1);
  });
});

describe('user accounts', () => {
  it('disabling ends every session at once; enabling lets the person sign in again', async () => {
    const admin = await newAdmin();
    const { user, token } = await createSignedInUser(t.db);
    await createSignedInUser(t.db); // someone else's session stays
    const other = await t.db.select().from(sessions);
    expect(await setUserDisabled(t.db, admin, { userId: user.id, disabled: true })).toMatchObject({ disabled: true, sessionsEnded: 1 });
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect((await t.db.select().from(sessions)).length).toBe(other.length - 1);
    expect(await validateSessionToken(t.db, token)).toBeNull();
    const [row] = await t.db.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, user.id));
    expect(row.disabledAt).toBeInstanceOf(Date);

    await setUserDisabled(t.db, admin, { userId: user.id, disabled: false });
    const [again] = await t.db.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, user.id));
    expect(again.disabledAt).toBeNull();
    expect(await refusal(setUserDisabled(t.db, admin, { userId: 99_999_999, disabled: true }))).toBe('not_found/404');
  });

  it('an admin cannot disable themselves nor remove their own admin role', async () => {
    const admin = await newAdmin();
    expect(await refusal(setUserDisabled(t.db, admin, { userId: admin.id, disabled: true }))).toBe('admin_self_disable/409');
    expect(await refusal(setUserRole(t.db, admin, { userId: admin.id, role: 'user' }))).toBe('admin_self_demote/409');
    const [row] = await t.db.select({ role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, admin.id));
    expect(row).toEqual({ role: 'admin', disabledAt: null });
  });

  it('grants and takes the admin role of someone else', async () => {
    const admin = await newAdmin();
    const person = await createUser(t.db);
    await setUserRole(t.db, admin, { userId: person.id, role: 'admin' });
    expect((await t.db.select({ role: users.role }).from(users).where(eq(users.id, person.id)))[0].role).toBe('admin');
    await setUserRole(t.db, admin, { userId: person.id, role: 'user' });
    expect((await t.db.select({ role: users.role }).from(users).where(eq(users.id, person.id)))[0].role).toBe('user');
    expect(await refusal(setUserRole(t.db, admin, { userId: 99_999_999, role: 'admin' }))).toBe('not_found/404');
    expect(await refusal(setUserRole(t.db, actorOf(person), { userId: person.id, role: 'admin' }))).toBe('access/403');
  });

  it('finds users by email, name or mobile, literally, 20 a page, with their units', async () => {
    const admin = await newAdmin();
    const tag = `srch${Date.now().toString(36)}`;
    const chen = await createUser(t.db, { email: `${tag}-chen@example.com`, displayName: '陈晓', mobile: '13912345678' });
    await createUser(t.db, { email: `${tag}-li@example.com`, displayName: '李华' });
    const unit = await createUnit(t.db, { createdBy: chen.id, name: '县供销社' });
    await addUnitMember(t.db, unit.id, chen.id, 'buyer');

    expect((await searchUsers(t.db, admin, { q: tag, page: 1 })).total).toBe(2);
    const byName = await searchUsers(t.db, admin, { q: '陈晓', page: 1 });
    expect(byName.rows.map((r) => r.id)).toContain(chen.id);
    expect(byName.rows.find((r) => r.id === chen.id)!.units).toEqual([{ id: unit.id, name: '县供销社', role: 'buyer' }]);
    expect((await searchUsers(t.db, admin, { q: '1391234', page: 1 })).rows.map((r) => r.id)).toEqual([chen.id]);
    expect((await searchUsers(t.db, admin, { q: `${tag.toUpperCase()}-LI`, page: 1 })).total).toBe(1);
    expect((await searchUsers(t.db, admin, { q: '%', page: 1 })).total).toBe(0);

    for (let i = 0; i < 21; i++) await createUser(t.db, { email: `${tag}-bulk${i}@example.com` });
    const first = await searchUsers(t.db, admin, { q: `${tag}-bulk`, page: 1 });
    const second = await searchUsers(t.db, admin, { q: `${tag}-bulk`, page: 2 });
    expect([first.rows.length, second.rows.length, first.pageCount, first.total]).toEqual([20, 1, 2, 21]);
    expect((await searchUsers(t.db, admin, { q: `${tag}-bulk`, page: 99 })).page).toBe(2);
  });
});

describe('failed background jobs', () => {
  it('are listed and run again by a platform admin only; a job that is not failed is a conflict', async () => {
    const admin = await newAdmin();
    const person = await createUser(t.db);
    expect((await failedJobs(t.db, admin, 1)).total).toBe(0);
    expect(await refusal(failedJobs(t.db, actorOf(person), 1))).toBe('access/403');
    expect(await refusal(retryFailedJob(t.db, actorOf(person), '00000000-0000-4000-8000-000000000000'))).toBe('access/403');
    expect(await refusal(retryFailedJob(t.db, admin, '00000000-0000-4000-8000-000000000000'))).toBe('job_not_failed/409');
  });
});
