// Builders for people, units and memberships, used by tests and the demo seed.
import type { Db } from '../../db/client.ts';
import { unitMembers, units, users, villageManagers, unitVillages } from '../../db/schema/index.ts';
import { hashPassword } from '../../src/modules/auth/passwords.ts';
import { createSession } from '../../src/modules/auth/sessions.server.ts';
import { creditCodeCheckChar } from '../../src/lib/credit-code.ts';

let sequence = 0;
const next = () => ++sequence;
type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export const TEST_PASSWORD = 'harvest-peach-2027';
let testHash: Promise<string> | undefined;

export async function createUser(db: Db, over: Partial<Insert<typeof users>> & { password?: string } = {}) {
  const n = next();
  const { password, ...fields } = over;
  testHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = password ? await hashPassword(password) : await testHash;
  const [row] = await db
    .insert(users)
    .values({ email: `user${n}-${Date.now().toString(36)}@example.com`, displayName: `用户${n}`, passwordHash, ...fields })
    .returning();
  return row;
}

/** A user with a session: returns the cookie token too. */
export async function createSignedInUser(db: Db, over: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, over);
  const { token, session } = await createSession(db, user.id, { ip: '127.0.0.1', userAgent: 'test' });
  return { user, token, session };
}

/** A valid 统一社会信用代码 made from a running number. */
export function makeCreditCode(n: number, prefix = '91110108'): string {
  const body = prefix + String(n).padStart(9, '0');
  return body + creditCodeCheckChar(body);
}

export async function createUnit(db: Db, over: Partial<Insert<typeof units>> & { createdBy: number }) {
  const n = next();
  const [row] = await db
    .insert(units)
    .values({
      name: `帮扶单位${n}`,
      kind: 'government',
      creditCode: makeCreditCode(n + Math.floor(Math.random() * 1e6)),
      invoiceTitle: `帮扶单位${n}`,
      taxNumber: '11110000000000000X',
      contactName: '王某',
      contactPhone: '13800138000',
      status: 'verified',
      ...over,
    })
    .returning();
  return row;
}

export async function addUnitMember(db: Db, unitId: number, userId: number, role: Insert<typeof unitMembers>['role']) {
  await db.insert(unitMembers).values({ unitId, userId, role });
}

export async function appointVillageManager(db: Db, villageId: number, userId: number) {
  await db.insert(villageManagers).values({ villageId, userId });
}

export async function pairUnitWithVillage(db: Db, unitId: number, villageId: number) {
  await db.insert(unitVillages).values({ unitId, villageId });
}
