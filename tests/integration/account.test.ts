// The account pages' domain: saved addresses (ownership, one default, the cap,
// validation), profile updates, and "sign out every other device".
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addresses, sessions, users } from '../../db/schema/index.ts';
import { AddressSchema, MAX_ADDRESSES, SaveAddressSchema, type Address } from '../../src/modules/account/addresses.ts';
import { createAddress, deleteAddress, getAddress, listAddresses, saveAddress, setDefaultAddress, updateAddress } from '../../src/modules/account/addresses.server.ts';
import { ProfileSchema } from '../../src/modules/account/profile.ts';
import { updateProfile } from '../../src/modules/auth/users.server.ts';
import { endOtherSessions, listMySessions } from '../../src/modules/account/sessions.server.ts';
import { createSession, validateSessionToken } from '../../src/modules/auth/sessions.server.ts';
import { DomainError } from '../../src/lib/errors.ts';
import { createSignedInUser, createUser } from '../factories/users.ts';
import { useTestDatabase } from '../setup/test-db.ts';

const t = useTestDatabase();

const home: Address = { recipient: '李桂兰', mobile: '13800138000', province: '浙江省', city: '杭州市', district: '淳安县', detail: '千岛湖镇新安东路 12 号' };
const office: Address = { recipient: '王建国', mobile: '13912345678', province: '北京市', city: '北京市', district: '东城区', detail: '东长安街 1 号 5 层' };

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const defaults = async (userId: number) => (await t.db.select().from(addresses).where(eq(addresses.userId, userId))).filter((a) => a.isDefault);

describe('AddressSchema', () => {
  it('accepts a real address, trimming and removing spaces and dashes from the mobile', () => {
    const parsed = AddressSchema.parse({ ...home, recipient: '  李桂兰 ', mobile: '138-0013 8000', detail: '千岛湖镇\n新安东路  12 号' });
    expect(parsed).toEqual({ ...home, detail: '千岛湖镇 新安东路 12 号' });
  });

  it('names each field that is missing, too long or not a mainland mobile, by error key', () => {
    const r = AddressSchema.safeParse({ recipient: '   ', mobile: '0571-8888888', province: '省'.repeat(21), city: null, district: '西湖区', detail: '路'.repeat(121) });
    expect(r.success).toBe(false);
    const byField = Object.fromEntries(r.error!.issues.map((i) => [i.path[0], i.message]));
    expect(byField).toEqual({ recipient: 'required', mobile: 'mobile_invalid', province: 'too_long', city: 'required', detail: 'too_long' });
  });

  it('takes the id of an edit from a hidden field, and no id as "add"', () => {
    expect(SaveAddressSchema.parse({ ...home, id: '7' }).id).toBe(7);
    expect(SaveAddressSchema.parse({ ...home, id: null }).id).toBeNull();
    expect(SaveAddressSchema.safeParse({ ...home, id: '-3' }).success).toBe(false);
    expect(SaveAddressSchema.safeParse({ ...home, id: '1.5' }).success).toBe(false);
  });
});

describe('saved addresses', () => {
  it('makes the first address the default and keeps exactly one default', async () => {
    const user = await createUser(t.db);
    const a = await createAddress(t.db, user.id, home);
    const b = await createAddress(t.db, user.id, office);
    expect(a.isDefault).toBe(true);
    expect(b.isDefault).toBe(false);

    await setDefaultAddress(t.db, user.id, b.id);
    expect((await defaults(user.id)).map((x) => x.id)).toEqual([b.id]);
    const list = await listAddresses(t.db, user.id);
    expect(list.map((x) => x.id)).toEqual([b.id, a.id]); // the default first
    await setDefaultAddress(t.db, user.id, b.id); // again: still one
    expect((await defaults(user.id)).map((x) => x.id)).toEqual([b.id]);
  });

  it('edits an address without touching which one is the default', async () => {
    const user = await createUser(t.db);
    const a = await saveAddress(t.db, user.id, home);
    const edited = await saveAddress(t.db, user.id, { ...office, id: a.id });
    expect(edited).toEqual({ ...office, id: a.id, isDefault: true });
    expect(await getAddress(t.db, user.id, a.id)).toEqual(edited);
  });

  it('hands the default to the newest remaining address when the default is deleted', async () => {
    const user = await createUser(t.db);
    const base = Date.parse('2027-06-01T08:00:00Z');
    const a = await createAddress(t.db, user.id, home, new Date(base));
    const b = await createAddress(t.db, user.id, office, new Date(base + 1000));
    const c = await createAddress(t.db, user.id, { ...office, recipient: '赵小梅' }, new Date(base + 2000));
    await deleteAddress(t.db, user.id, b.id); // not the default: nothing moves
    expect((await defaults(user.id)).map((x) => x.id)).toEqual([a.id]);
    await deleteAddress(t.db, user.id, a.id);
    expect((await defaults(user.id)).map((x) => x.id)).toEqual([c.id]);
    await deleteAddress(t.db, user.id, c.id);
    expect(await listAddresses(t.db, user.id)).toEqual([]);
    // After the last one is gone, the next first address is the default again.
    expect((await createAddress(t.db, user.id, home)).isDefault).toBe(true);
  });

  it("treats another user's address exactly like a missing one", async () => {
    const alice = await createUser(t.db);
    const bob = await createUser(t.db);
    const mine = await createAddress(t.db, alice.id, home);
    await createAddress(t.db, bob.id, office);

    expect(await getAddress(t.db, bob.id, mine.id)).toBeNull();
    expect((await listAddresses(t.db, bob.id)).map((a) => a.recipient)).toEqual([office.recipient]);
    for (const attempt of [
      () => updateAddress(t.db, bob.id, mine.id, office),
      () => saveAddress(t.db, bob.id, { ...office, id: mine.id }),
      () => setDefaultAddress(t.db, bob.id, mine.id),
      () => deleteAddress(t.db, bob.id, mine.id),
    ]) {
      const e = await refusal(attempt());
      expect([e.key, e.status]).toEqual(['not_found', 404]);
    }
    const missing = await refusal(deleteAddress(t.db, bob.id, 2_000_000_000));
    expect([missing.key, missing.status]).toEqual(['not_found', 404]);
    // Alice's address is untouched and still her default; Bob's default is still his own.
    expect(await getAddress(t.db, alice.id, mine.id)).toEqual({ ...home, id: mine.id, isDefault: true });
    expect((await defaults(bob.id)).map((a) => a.recipient)).toEqual([office.recipient]);
  });

  it(`refuses the ${MAX_ADDRESSES + 1}st address, even when saved at the same time`, async () => {
    const user = await createUser(t.db);
    for (let i = 0; i < MAX_ADDRESSES - 2; i++) await createAddress(t.db, user.id, { ...home, detail: `新安东路 ${i} 号` });
    // Five at once for the last two places: the per-user lock lets exactly two in.
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => createAddress(t.db, user.id, { ...office, detail: `并发 ${i}` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ key: 'address_limit', status: 409 });
    }
    expect(await listAddresses(t.db, user.id)).toHaveLength(MAX_ADDRESSES);
    const e = await refusal(createAddress(t.db, user.id, home));
    expect(e.key).toBe('address_limit');
    expect(await defaults(user.id)).toHaveLength(1);
  });

  it('keeps one default when two addresses are made default at once', async () => {
    const user = await createUser(t.db);
    const made = [];
    for (const a of [home, office, home, office]) made.push(await createAddress(t.db, user.id, a));
    await Promise.all(made.map((a) => setDefaultAddress(t.db, user.id, a.id)));
    expect(await defaults(user.id)).toHaveLength(1);
  });
});

describe('profile', () => {
  it('saves the name and an optional mobile, and clears the mobile when emptied', async () => {
    const user = await createUser(t.db);
    expect(await updateProfile(t.db, user.id, ProfileSchema.parse({ displayName: ' 陈晓 ', mobile: '139 1234 5678' }))).toEqual({ displayName: '陈晓', mobile: '13912345678' });
    expect(await updateProfile(t.db, user.id, ProfileSchema.parse({ displayName: '陈晓', mobile: null }))).toEqual({ displayName: '陈晓', mobile: null });
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect([row.displayName, row.mobile, row.email]).toEqual(['陈晓', null, user.email]);
  });

  it('refuses an empty name and a mobile that is not mainland', () => {
    const r = ProfileSchema.safeParse({ displayName: '  ', mobile: '12345' });
    expect(r.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['displayName', 'name_required'],
      ['mobile', 'mobile_invalid'],
    ]);
  });
});

describe('signed-in devices', () => {
  it('lists sessions without ids, marks the current one, and signs out every other device', async () => {
    const { user, token, session } = await createSignedInUser(t.db);
    const iphone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003131) NetType/WIFI Language/zh_CN';
    const phone = await createSession(t.db, user.id, { ip: '223.104.3.20', userAgent: iphone });
    const laptop = await createSession(t.db, user.id, { ip: '36.112.0.5', userAgent: null });
    const other = await createSignedInUser(t.db);

    const list = await listMySessions(t.db, user.id, session.id);
    expect(list).toHaveLength(3);
    expect(list.map((s) => s.current)).toEqual([true, false, false]);
    expect(list.find((s) => s.ip === '223.104.3.20')).toMatchObject({ browser: 'WeChat 8', os: 'iOS 17.5' });
    expect(JSON.stringify(list)).not.toContain(session.id);
    expect(list.every((s) => !('id' in s))).toBe(true);

    expect(await endOtherSessions(t.db, user.id, session.id)).toBe(2);
    expect(await validateSessionToken(t.db, token)).not.toBeNull();
    expect(await validateSessionToken(t.db, phone.token)).toBeNull();
    expect(await validateSessionToken(t.db, laptop.token)).toBeNull();
    // Someone else's session is none of this user's business.
    expect(await validateSessionToken(t.db, other.token)).not.toBeNull();
    expect(await endOtherSessions(t.db, user.id, session.id)).toBe(0);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(1);
  });
});
