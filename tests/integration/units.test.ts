// Registering a helping unit, invitations and membership rules.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { unitMembers, units } from '../../db/schema/index.ts';
import { acceptInvite, createInvite, findInvite, removeMember, revokeInvite, setMemberRole } from '../../src/modules/units/invites.server.ts';
import { registerUnit } from '../../src/modules/units/register-unit.server.ts';
import { RegisterUnitSchema } from '../../src/modules/units/units.ts';
import { attributedUnit, getUnitOverview, listMyUnits } from '../../src/modules/units/units.server.ts';
import { DomainError } from '../../src/lib/errors.ts';
import { addUnitMember, createUnit, createUser, makeCreditCode } from '../factories/users.ts';
import { useTestDatabase } from '../setup/test-db.ts';
import { CreateInviteSchema } from '../../src/modules/units/units.ts';

const t = useTestDatabase();
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof DomainError ? e.key : `unexpected: ${String(e)}`),
  );
const form = (over: Record<string, unknown> = {}) =>
  RegisterUnitSchema.parse({
    name: '县民政局',
    kind: 'government',
    creditCode: makeCreditCode(424242, '11371328'),
    invoiceTitle: '县民政局',
    taxNumber: makeCreditCode(424242, '11371328'),
    contactName: '张科长',
    contactPhone: '0539-4271111',
    parentId: null,
    ...over,
  });

describe('registering a unit', () => {
  it('validates the credit code and phone, in error keys', () => {
    const r = RegisterUnitSchema.safeParse({
      name: '',
      kind: 'bank',
      creditCode: '91350100M000100Y44',
      invoiceTitle: 'x',
      taxNumber: 'abc',
      contactName: 'x',
      contactPhone: '123',
    });
    const keys = Object.fromEntries(r.error!.issues.map((i) => [i.path[0], i.message]));
    expect(keys).toMatchObject({
      name: 'required',
      kind: 'unit_kind_invalid',
      creditCode: 'credit_code_invalid',
      taxNumber: 'tax_number_invalid',
      contactPhone: 'phone_invalid',
    });
  });

  it('starts pending review with the registrant as unit admin; a credit code registers once', async () => {
    const user = await createUser(t.db);
    const { unitId } = await registerUnit(t.db, user.id, form());
    const [unit] = await t.db.select().from(units).where(eq(units.id, unitId));
    expect(unit.status).toBe('pending_admin_review');
    expect(await listMyUnits(t.db, user.id)).toMatchObject([{ id: unitId, role: 'admin', status: 'pending_admin_review' }]);
    expect(await refusal(registerUnit(t.db, (await createUser(t.db)).id, form()))).toBe('credit_code_taken');
    expect(await refusal(registerUnit(t.db, user.id, form({ creditCode: makeCreditCode(1, '11371328'), parentId: 999999 })))).toBe('parent_unit_invalid');
  });

  it('a parent unit sees its sub-units', async () => {
    const user = await createUser(t.db);
    const parent = await createUnit(t.db, { createdBy: user.id });
    const { unitId } = await registerUnit(t.db, user.id, form({ creditCode: makeCreditCode(777, '11371328'), parentId: parent.id }));
    expect((await getUnitOverview(t.db, parent.id, false))!.subUnits.map((s) => s.id)).toEqual([unitId]);
  });
});

describe('invitations', () => {
  it('only verified units invite; a link joins with its role, until revoked or expired', async () => {
    const admin = await createUser(t.db);
    const pending = await createUnit(t.db, { createdBy: admin.id, status: 'pending_admin_review' });
    expect(await refusal(createInvite(t.db, admin.id, pending.id, 'staff', 7))).toBe('unit_not_verified');

    const unit = await createUnit(t.db, { createdBy: admin.id });
    const { code } = await createInvite(t.db, admin.id, unit.id, 'buyer', 7);
    expect(await findInvite(t.db, code)).toMatchObject({ unitId: unit.id, role: 'buyer' });
    const colleague = await createUser(t.db);
    await acceptInvite(t.db, colleague.id, code);
    await acceptInvite(t.db, colleague.id, code); // twice is harmless
    expect(await listMyUnits(t.db, colleague.id)).toMatchObject([{ id: unit.id, role: 'buyer' }]);

    // A wrong secret (the last character changed: 'aa' in place of the last two once matched a code ending in 'aa', 1 run in 1,024).
    expect(await refusal(acceptInvite(t.db, colleague.id, `${code.slice(0, -1)}${code.endsWith('a') ? 'b' : 'a'}`))).toBe('invite_invalid');
    // One person per link: once two accounts joined with the same link.
    expect(await refusal(acceptInvite(t.db, (await createUser(t.db)).id, code))).toBe('invite_invalid');

    const staffLink = (await createInvite(t.db, admin.id, unit.id, 'staff', 7, 10)).code;
    const inEightDays = new Date(Date.now() + 8 * 86400_000);
    expect(await refusal(acceptInvite(t.db, (await createUser(t.db)).id, staffLink, inEightDays))).toBe('invite_invalid');
    await revokeInvite(t.db, unit.id, staffLink.split('.')[0]);
    expect(await refusal(acceptInvite(t.db, (await createUser(t.db)).id, staffLink))).toBe('invite_invalid');
  });

  it('a staff link for several people takes exactly that many, even all at once; only staff links may', async () => {
    const admin = await createUser(t.db);
    const unit = await createUnit(t.db, { createdBy: admin.id });
    expect(await refusal(createInvite(t.db, admin.id, unit.id, 'admin', 7, 10))).toBe('invite_multi_staff_only');
    expect(CreateInviteSchema.safeParse({ unitId: String(unit.id), role: 'buyer', days: '7', uses: '50' }).success).toBe(false);
    const { code } = await createInvite(t.db, admin.id, unit.id, 'staff', 7, 3);
    const people = await Promise.all(Array.from({ length: 6 }, () => createUser(t.db)));
    const outcomes = await Promise.all(people.map((p) => refusal(acceptInvite(t.db, p.id, code))));
    expect(outcomes.filter((o) => o === null)).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'invite_invalid')).toHaveLength(3);
    expect(await t.db.select().from(unitMembers).where(eq(unitMembers.unitId, unit.id))).toHaveLength(3);
  });

  it('keeps an existing member’s role when they open a staff link', async () => {
    const admin = await createUser(t.db);
    const unit = await createUnit(t.db, { createdBy: admin.id });
    await addUnitMember(t.db, unit.id, admin.id, 'admin');
    const { code } = await createInvite(t.db, admin.id, unit.id, 'staff', 1);
    await acceptInvite(t.db, admin.id, code);
    const [m] = await t.db
      .select()
      .from(unitMembers)
      .where(and(eq(unitMembers.unitId, unit.id), eq(unitMembers.userId, admin.id)));
    expect(m.role).toBe('admin');
  });
});

describe('membership changes', () => {
  it('never leaves a unit without an admin', async () => {
    const admin = await createUser(t.db);
    const other = await createUser(t.db);
    const unit = await createUnit(t.db, { createdBy: admin.id });
    await addUnitMember(t.db, unit.id, admin.id, 'admin');
    await addUnitMember(t.db, unit.id, other.id, 'staff');
    expect(await refusal(setMemberRole(t.db, unit.id, admin.id, 'buyer'))).toBe('last_admin');
    expect(await refusal(removeMember(t.db, unit.id, admin.id))).toBe('last_admin');
    await setMemberRole(t.db, unit.id, other.id, 'admin');
    await setMemberRole(t.db, unit.id, admin.id, 'approver');
    await removeMember(t.db, unit.id, admin.id);
    expect(await listMyUnits(t.db, admin.id)).toEqual([]);
    expect(await refusal(removeMember(t.db, unit.id, admin.id))).toBe('not_found');
  });
});

describe('staff purchases', () => {
  it('count for the unit the person joined as staff, once it is verified', async () => {
    const person = await createUser(t.db);
    expect(await attributedUnit(t.db, person.id)).toBeNull();
    const admin = await createUser(t.db);
    const pending = await createUnit(t.db, { createdBy: admin.id, status: 'pending_admin_review' });
    await addUnitMember(t.db, pending.id, person.id, 'staff');
    expect(await attributedUnit(t.db, person.id)).toBeNull();
    const buyerUnit = await createUnit(t.db, { createdBy: admin.id });
    await addUnitMember(t.db, buyerUnit.id, person.id, 'buyer');
    expect((await attributedUnit(t.db, person.id))?.id).toBe(buyerUnit.id);
    const staffUnit = await createUnit(t.db, { createdBy: admin.id });
    await addUnitMember(t.db, staffUnit.id, person.id, 'staff');
    expect((await attributedUnit(t.db, person.id))?.id).toBe(staffUnit.id);
  });
});
