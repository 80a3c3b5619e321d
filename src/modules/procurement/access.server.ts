// Who may act on a quote request, a contract, a delivery or a group order, and as
// which party. An edge (action, page) calls one require* guard first; it answers
// 401 when nobody is signed in (before any lookup), 404 when the thing does not
// exist — or, for requests, contracts and deliveries, when the person has no part
// in it, as if it did not exist — and otherwise returns the row it read with the
// checked party, which the domain function takes. The domain function then checks
// the side its rule needs (403: requireUnitSide, requireVillageSide,
// requireEitherSide) before the state (409).
// Parties: the unit's buyers, approvers and admins act for the unit (staff only buy
// for themselves); the village's managers act for the village; platform admins see
// everything but decide nothing for a unit.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { contracts, deliveries, groupOrders, quoteRequests } from '../../../db/schema/procurement.ts';
import { AccessError, refuse } from '../../lib/errors.ts';
import { requireUser, type AuthLocals } from '../auth/guards.server.ts';
import { requireUnitRole, unitRoleOf, type UnitRole } from '../units/access.server.ts';
import { isVillageManager } from '../villages/access.server.ts';

export type RequestRow = typeof quoteRequests.$inferSelect;
export type ContractRow = typeof contracts.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type GroupOrder = typeof groupOrders.$inferSelect;

export interface Party {
  userId: number;
  /** The viewer's role in the unit, when they act for it. */
  unitRole: Exclude<UnitRole, 'staff'> | null;
  villageManager: boolean;
  platformAdmin: boolean;
}

export interface RequestParty {
  party: Party;
  request: RequestRow;
}
export interface ContractParty {
  party: Party;
  contract: ContractRow;
}
export interface DeliveryParty extends ContractParty {
  delivery: DeliveryRow;
}

/** The person's part in a unit–village deal: 401 signed out, 404 when they have none. */
export async function partyOf(db: DbOrTx, locals: AuthLocals, unitId: number, villageId: number): Promise<Party> {
  const { user } = requireUser(locals);
  const unitRole = (await unitRoleOf(db, unitId, user.id, ['buyer', 'approver', 'admin'])) as Party['unitRole'];
  const villageManager = await isVillageManager(db, villageId, user.id);
  const party: Party = { userId: user.id, unitRole, villageManager, platformAdmin: user.role === 'admin' };
  if (!party.unitRole && !party.villageManager && !party.platformAdmin) throw refuse.notFound();
  return party;
}

async function partyToRequest(db: DbOrTx, locals: AuthLocals, where: ReturnType<typeof eq>): Promise<RequestParty> {
  requireUser(locals);
  const [request] = await db.select().from(quoteRequests).where(where);
  if (!request) throw refuse.notFound();
  return { party: await partyOf(db, locals, request.unitId, request.villageId), request };
}

/** A quote request (by id, from a form) and the person's part in it. */
export function requireRequestParty(db: DbOrTx, locals: AuthLocals, requestId: number): Promise<RequestParty> {
  return partyToRequest(db, locals, eq(quoteRequests.id, requestId));
}

/** A quote request (by its number, from a page's URL) and the person's part in it. */
export function requireRequestPartyByNumber(db: DbOrTx, locals: AuthLocals, number: string): Promise<RequestParty> {
  return partyToRequest(db, locals, eq(quoteRequests.number, number));
}

async function partyToContract(db: DbOrTx, locals: AuthLocals, where: ReturnType<typeof eq>): Promise<ContractParty> {
  requireUser(locals);
  const [contract] = await db.select().from(contracts).where(where);
  if (!contract) throw refuse.notFound();
  return { party: await partyOf(db, locals, contract.unitId, contract.villageId), contract };
}

/** A contract (by id, from a form) and the person's part in it. */
export function requireContractParty(db: DbOrTx, locals: AuthLocals, contractId: number): Promise<ContractParty> {
  return partyToContract(db, locals, eq(contracts.id, contractId));
}

/** A contract (by its number, from a page's URL) and the person's part in it. */
export function requireContractPartyByNumber(db: DbOrTx, locals: AuthLocals, number: string): Promise<ContractParty> {
  return partyToContract(db, locals, eq(contracts.number, number));
}

/** A delivery, its contract, and the person's part in the contract. */
export async function requireDeliveryParty(db: DbOrTx, locals: AuthLocals, deliveryId: number): Promise<DeliveryParty> {
  requireUser(locals);
  const [row] = await db
    .select({ delivery: deliveries, contract: contracts })
    .from(deliveries)
    .innerJoin(contracts, eq(contracts.id, deliveries.contractId))
    .where(eq(deliveries.id, deliveryId));
  if (!row) throw refuse.notFound();
  return { ...row, party: await partyOf(db, locals, row.contract.unitId, row.contract.villageId) };
}

/** The unit acts: one of `roles` (a platform admin does not decide for a unit). */
export function requireUnitSide(party: Party, roles: readonly Exclude<UnitRole, 'staff'>[]) {
  if (!party.unitRole || !roles.includes(party.unitRole)) throw new AccessError(403);
}

/** The village acts: its managers, or a platform admin helping them. */
export function requireVillageSide(party: Pick<Party, 'villageManager' | 'platformAdmin'>) {
  if (!party.villageManager && !party.platformAdmin) throw new AccessError(403);
}

/** Either side acts: the village (its managers, platform admins), or the unit through one of `roles`. */
export function requireEitherSide(party: Party, roles: readonly Exclude<UnitRole, 'staff'>[]) {
  if (!party.villageManager && !party.platformAdmin && !(party.unitRole && roles.includes(party.unitRole))) throw new AccessError(403);
}

/** Buying for a unit (a quote request, a group order). */
export interface UnitBuyer {
  unitId: number;
  userId: number;
  /** 'platform_admin' passes the guard; the rules refuse it, as a platform admin does not buy for a unit. */
  role: UnitRole | 'platform_admin';
}

/** The unit's buyers and admins (and platform admins, whom the rules then refuse): 401 signed out, 403 anyone else. */
export async function requireUnitBuyer(db: DbOrTx, locals: AuthLocals, unitId: number): Promise<UnitBuyer> {
  const { user, role } = await requireUnitRole(db, locals, unitId, ['buyer', 'admin']);
  return { unitId, userId: user.id, role };
}

// Group orders (团购接龙). Their link is shared inside the unit, so its people are
// not told apart from strangers by a 404: anyone signed in who has no part gets 403.

export interface Viewer {
  userId: number;
  /** Role in the group order's unit, if a member (staff too: they sign up for themselves). */
  unitRole: UnitRole | null;
  villageManager: boolean;
  platformAdmin: boolean;
}

export interface GroupOrderViewer {
  go: GroupOrder;
  viewer: Viewer;
}

async function viewerOf(db: DbOrTx, locals: AuthLocals, go: GroupOrder | undefined): Promise<GroupOrderViewer> {
  const { user } = requireUser(locals);
  if (!go) throw refuse.notFound();
  const viewer: Viewer = {
    userId: user.id,
    unitRole: await unitRoleOf(db, go.unitId, user.id),
    villageManager: await isVillageManager(db, go.villageId, user.id),
    platformAdmin: user.role === 'admin',
  };
  if (!viewer.unitRole && !viewer.villageManager && !viewer.platformAdmin) throw new AccessError(403);
  return { go, viewer };
}

/** The group order of a link: unknown (or malformed) tokens are 404; people outside its unit and village 403. */
export async function requireGroupOrderViewer(db: DbOrTx, locals: AuthLocals, token: string): Promise<GroupOrderViewer> {
  requireUser(locals);
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw refuse.notFound();
  const [go] = await db.select().from(groupOrders).where(eq(groupOrders.token, token));
  return viewerOf(db, locals, go);
}

/** The same, for a form that names the group order by id. */
export async function requireGroupOrderViewerById(db: DbOrTx, locals: AuthLocals, groupOrderId: number): Promise<GroupOrderViewer> {
  requireUser(locals);
  const [go] = await db.select().from(groupOrders).where(eq(groupOrders.id, groupOrderId));
  return viewerOf(db, locals, go);
}
