// Builders for bulk procurement: a village that sells brooms by the bundle, a
// helping unit with its buyer, approver and admin, signed-in `locals` for each,
// and the raw form fields a quote request or a quote posts (parsed by the tests
// with the real schemas, as the form would be).
import type { Db } from '../../db/client.ts';
import type { AuthLocals } from '../../src/modules/auth/guards.server.ts';
import { setApprovalThreshold } from '../../src/modules/units/threshold.server.ts';
import { createCategory, createProducer, createProduct, createVillage } from './catalog.ts';
import { addUnitMember, appointVillageManager, createUnit, createUser } from './users.ts';

type User = Awaited<ReturnType<typeof createUser>>;

/** What a signed-in person's request carries (middleware fills it from the session). */
export function localsFor(user: Pick<User, 'id' | 'email' | 'displayName' | 'mobile' | 'role'>): AuthLocals {
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, mobile: user.mobile, role: user.role },
    session: { id: `session-${user.id}`, userId: user.id, expiresAt: new Date('2099-01-01T00:00:00Z') },
  };
}

/** A village with one manager and a 扫帚 (broom) sold by the 把/bundle: 16.00 元, 15.00 元 from 500, 5000 in stock. */
export async function createBroomVillage(db: Db, over: { stock?: number; priceFen?: number; tierFen?: number } = {}) {
  const village = await createVillage(db);
  const producer = await createProducer(db, { villageId: village.id, kind: 'cooperative', name: '扫帚编织合作社' });
  const category = await createCategory(db, { name: '手工日用' });
  const {
    product,
    variants: [broom],
  } = await createProduct(db, {
    villageId: village.id,
    producerId: producer.id,
    categoryId: category.id,
    name: '扫帚',
    variants: [
      {
        name: '高粱扫帚',
        saleUnit: 'bundle',
        priceFen: over.priceFen ?? 1600,
        netGrams: 400,
        stock: over.stock ?? 5000,
        tiers: [{ minQuantity: 500, priceFen: over.tierFen ?? 1500 }],
      },
    ],
  });
  const manager = await createUser(db, { displayName: '村书记' });
  await appointVillageManager(db, village.id, manager.id);
  return { village, producer, product, broom, manager };
}

/** A verified unit with a buyer, an approver and an admin, and its approval threshold in 分. */
export async function createBuyingUnit(db: Db, over: { thresholdFen?: bigint; name?: string } = {}) {
  const buyer = await createUser(db, { displayName: '采购员' });
  const approver = await createUser(db, { displayName: '审批人' });
  const admin = await createUser(db, { displayName: '单位管理员' });
  const unit = await createUnit(db, { createdBy: admin.id, name: over.name ?? '县环卫服务公司', approvalThresholdFen: over.thresholdFen ?? 10_000_000n });
  await addUnitMember(db, unit.id, buyer.id, 'buyer');
  await addUnitMember(db, unit.id, approver.id, 'approver');
  await addUnitMember(db, unit.id, admin.id, 'admin');
  return { unit, buyer, approver, admin };
}

export const setThreshold = setApprovalThreshold;

/** The 询价 form's fields as posted (strings and repeated fields). */
export function quoteRequestForm(over: Record<string, unknown> & { unitId: number; villageId: number }) {
  return {
    recipient: '李站长',
    mobile: '13800138000',
    province: '河南省',
    city: '新乡市',
    district: '封丘县',
    detail: '环卫所大院',
    firstDeliveryOn: '2027-01-05',
    recurrence: 'monthly',
    periods: '12',
    note: '',
    ...over,
    unitId: String(over.unitId),
    villageId: String(over.villageId),
  };
}

/** The 报价 form's fields: one price (元) per request line. */
export function quoteForm(requestId: number, prices: [lineId: number, yuan: string][], over: Record<string, unknown> = {}) {
  return {
    requestId: String(requestId),
    lineId: prices.map(([id]) => String(id)),
    price: prices.map(([, yuan]) => yuan),
    freight: '0',
    validUntil: '2027-01-31',
    paymentTerms: 'net',
    netDays: '30',
    note: '',
    ...over,
  };
}
