// The figures on the admin home page: what is waiting for a platform admin.
import { count, eq, ne, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/auth.ts';
import { outbox } from '../../../db/schema/mail.ts';
import { products, villages } from '../../../db/schema/catalog.ts';
import { units } from '../../../db/schema/units.ts';
import { villageManagers } from '../../../db/schema/villages.ts';
import type { Actor } from '../../lib/actor.ts';
import { assertAdmin } from './admin.ts';

export async function dashboardCounts(db: Db, actor: Actor) {
  assertAdmin(actor);
  const [[u], [pending], [unmanaged], [mail]] = await Promise.all([
    db.select({ n: count(), disabled: sql<number>`count(${users.disabledAt})::int`, admins: sql<number>`count(*) filter (where ${users.role} = 'admin')::int` }).from(users),
    db.select({ n: count() }).from(units).where(eq(units.status, 'pending_admin_review')),
    db
      .select({ n: count() })
      .from(villages)
      .where(notExists(db.select({ one: sql`1` }).from(villageManagers).where(eq(villageManagers.villageId, villages.id)))),
    // What /admin/outbox lists: mail not handed to an SMTP server.
    db.select({ n: count() }).from(outbox).where(ne(outbox.status, 'sent')),
  ]);
  return {
    ...(await gettingStarted(db)),
    users: u.n,
    disabledUsers: u.disabled,
    admins: u.admins,
    pendingUnits: pending.n,
    villagesWithoutManager: unmanaged.n,
    outbox: mail.n,
  };
}

/**
 * The getting-started checklist of an empty install: a village, a manager who accepted,
 * a product on sale. Shown until all three are done (the demo data has them all).
 */
async function gettingStarted(db: Db) {
  const [row] = await db
    .select({
      villages: sql<boolean>`exists (select 1 from ${villages})`,
      managers: sql<boolean>`exists (select 1 from ${villageManagers})`,
      onSale: sql<boolean>`exists (select 1 from ${products} where ${products.status} = 'active')`,
    })
    .from(sql`(select 1) as one`);
  return { checklist: { village: Boolean(row.villages), manager: Boolean(row.managers), product: Boolean(row.onSale) } };
}
