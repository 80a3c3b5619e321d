// Saved addresses: every query is scoped to the signed-in user's id, so an id
// that belongs to someone else behaves exactly like one that does not exist.
//
// Rules: at most MAX_ADDRESSES per user; exactly one default whenever the user
// has any address (the first one becomes it; deleting it promotes the newest
// remaining one). Each change runs in a transaction that first locks the user's
// row, so two tabs saving at once cannot pass the cap or leave two defaults.
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { addresses } from '../../../db/schema/account.ts';
import { users } from '../../../db/schema/auth.ts';
import { refuse } from '../../lib/errors.ts';
import { MAX_ADDRESSES, type Address } from './addresses.ts';

const columns = {
  id: addresses.id,
  recipient: addresses.recipient,
  mobile: addresses.mobile,
  province: addresses.province,
  city: addresses.city,
  district: addresses.district,
  detail: addresses.detail,
  isDefault: addresses.isDefault,
};
export type SavedAddress = Address & { id: number; isDefault: boolean };

const notFound = () => refuse.notFound();

/** The default first, then the newest. */
export async function listAddresses(db: Db, userId: number): Promise<SavedAddress[]> {
  return db.select(columns).from(addresses).where(eq(addresses.userId, userId)).orderBy(desc(addresses.isDefault), desc(addresses.createdAt), desc(addresses.id));
}

export async function getAddress(db: Db, userId: number, id: number): Promise<SavedAddress | null> {
  const [row] = await db
    .select(columns)
    .from(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** Serialises one user's address changes (row lock on the user, released at commit). */
async function lockUser(tx: Tx, userId: number) {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
  if (!row) throw notFound();
}

export async function createAddress(db: Db, userId: number, input: Address, now = new Date()): Promise<SavedAddress> {
  return db.transaction(async (tx) => {
    await lockUser(tx, userId);
    const [{ n }] = await tx.select({ n: count() }).from(addresses).where(eq(addresses.userId, userId));
    if (n >= MAX_ADDRESSES) throw refuse.conflict('address_limit');
    const [row] = await tx
      .insert(addresses)
      .values({ ...pick(input), userId, isDefault: n === 0, createdAt: now })
      .returning(columns);
    return row;
  });
}

export async function updateAddress(db: Db, userId: number, id: number, input: Address): Promise<SavedAddress> {
  const [row] = await db
    .update(addresses)
    .set(pick(input))
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
    .returning(columns);
  if (!row) throw notFound();
  return row;
}

/** Adds (no id) or edits (id) — what the address form posts. */
export function saveAddress(db: Db, userId: number, input: Address & { id?: number | null }) {
  return input.id ? updateAddress(db, userId, input.id, input) : createAddress(db, userId, input);
}

/** Makes `id` the user's only default address. */
export async function setDefaultAddress(db: Db, userId: number, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    await lockUser(tx, userId);
    if (!(await getAddress(tx, userId, id))) throw notFound();
    // One statement flips every row of the user: the chosen one on, the rest off.
    await tx
      .update(addresses)
      .set({ isDefault: sql`${addresses.id} = ${id}` })
      .where(eq(addresses.userId, userId));
  });
}

/** Deletes the address; if it was the default, the newest remaining one takes over. */
export async function deleteAddress(db: Db, userId: number, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    await lockUser(tx, userId);
    const [gone] = await tx
      .delete(addresses)
      .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
      .returning({ isDefault: addresses.isDefault });
    if (!gone) throw notFound();
    if (!gone.isDefault) return;
    const [next] = await tx.select({ id: addresses.id }).from(addresses).where(eq(addresses.userId, userId)).orderBy(desc(addresses.createdAt), desc(addresses.id)).limit(1);
    if (next) await tx.update(addresses).set({ isDefault: true }).where(eq(addresses.id, next.id));
  });
}

export async function countAddresses(db: Db, userId: number): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(addresses).where(eq(addresses.userId, userId));
  return n;
}

function pick(a: Address): Address {
  return { recipient: a.recipient, mobile: a.mobile, province: a.province, city: a.city, district: a.district, detail: a.detail };
}
