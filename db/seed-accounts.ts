// Demo accounts, one per role (README lists them; for local use only), and two
// helping units. Idempotent: existing accounts and units (by email / credit code)
// are left alone.
import { eq } from 'drizzle-orm';
import { addUnitMember, appointVillageManager, createUnit, createUser, pairUnitWithVillage } from '../tests/factories/users.ts';
import type { Db } from './client.ts';
import { units, users, villages } from './schema/index.ts';

export const DEMO_PASSWORD = 'bangfu-demo-2027';

export const demoAccounts = [
  { email: 'admin@bangfu.local', displayName: '平台管理员', role: 'admin' as const },
  { email: 'consumer@bangfu.local', displayName: '李女士', role: 'user' as const },
  { email: 'unitadmin@bangfu.local', displayName: '王主任', role: 'user' as const },
  { email: 'buyer@bangfu.local', displayName: '赵采购', role: 'user' as const },
  { email: 'approver@bangfu.local', displayName: '钱科长', role: 'user' as const },
  { email: 'staff@bangfu.local', displayName: '孙职工', role: 'user' as const },
  { email: 'manager@bangfu.local', displayName: '周书记', role: 'user' as const },
  { email: 'sanitation@bangfu.local', displayName: '吴经理', role: 'user' as const },
  { email: 'sanitation-approver@bangfu.local', displayName: '郑会计', role: 'user' as const },
  { email: 'haojiatun@bangfu.local', displayName: '郝书记', role: 'user' as const },
];

export async function seedAccounts(db: Db): Promise<{ accountsCreated: number }> {
  const ids = new Map<string, number>();
  let accountsCreated = 0;
  for (const a of demoAccounts) {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, a.email));
    if (existing) {
      ids.set(a.email, existing.id);
      continue;
    }
    const user = await createUser(db, { ...a, password: DEMO_PASSWORD });
    ids.set(a.email, user.id);
    accountsCreated++;
  }
  const id = (email: string) => ids.get(email)!;
  const villageRows = await db.select({ id: villages.id }).from(villages).orderBy(villages.id).limit(3);

  const unit = async (creditCode: string, fields: Omit<Parameters<typeof createUnit>[1], 'creditCode'>) => {
    const [existing] = await db.select({ id: units.id }).from(units).where(eq(units.creditCode, creditCode));
    return existing ? null : createUnit(db, { ...fields, creditCode });
  };

  const bureau = await unit('11371328MB12345678', {
    name: '蒙阴县农业农村局',
    kind: 'government',
    invoiceTitle: '蒙阴县农业农村局',
    taxNumber: '11371328MB12345678',
    contactName: '王主任',
    contactPhone: '0539-4271234',
    status: 'verified',
    createdBy: id('unitadmin@bangfu.local'),
  });
  if (bureau) {
    await addUnitMember(db, bureau.id, id('unitadmin@bangfu.local'), 'admin');
    await addUnitMember(db, bureau.id, id('buyer@bangfu.local'), 'buyer');
    await addUnitMember(db, bureau.id, id('approver@bangfu.local'), 'approver');
    await addUnitMember(db, bureau.id, id('staff@bangfu.local'), 'staff');
    for (const v of villageRows.slice(0, 2)) await pairUnitWithVillage(db, bureau.id, v.id);
  }
  const sanitation = await unit('91130533MA0ABCDE1E', {
    name: '威县城区环卫保洁有限公司',
    kind: 'private_enterprise',
    invoiceTitle: '威县城区环卫保洁有限公司',
    taxNumber: '91130533MA0ABCDE1E',
    contactName: '吴经理',
    contactPhone: '13931900000',
    status: 'verified',
    createdBy: id('sanitation@bangfu.local'),
  });
  // The broom buyer of DESIGN.md: it buys from 郝家屯村, whose 郝书记 answers its quote requests.
  const [broomVillage] = await db.select({ id: villages.id }).from(villages).where(eq(villages.slug, 'haojiatun-weixian'));
  if (sanitation) {
    await addUnitMember(db, sanitation.id, id('sanitation@bangfu.local'), 'admin');
    await addUnitMember(db, sanitation.id, id('sanitation-approver@bangfu.local'), 'approver');
    if (broomVillage) await pairUnitWithVillage(db, sanitation.id, broomVillage.id);
  }
  if (broomVillage) await appointVillageManager(db, broomVillage.id, id('haojiatun@bangfu.local')).catch(() => {});
  const pending = await unit('11371328MB0000001K', {
    name: '县交通运输局',
    kind: 'government',
    invoiceTitle: '蒙阴县交通运输局',
    taxNumber: '11371328MB0000001K',
    contactName: '李女士',
    contactPhone: '0539-4270000',
    status: 'pending_admin_review',
    createdBy: id('consumer@bangfu.local'),
  });
  if (pending) await addUnitMember(db, pending.id, id('consumer@bangfu.local'), 'admin');
  if (villageRows[0]) {
    await appointVillageManager(db, villageRows[0].id, id('manager@bangfu.local')).catch(() => {});
  }
  return { accountsCreated };
}
