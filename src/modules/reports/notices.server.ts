// 公示 (public notice) of a village's figures for a period. Who publishes or
// withdraws: a manager of the village (or an admin). Anyone may read a published
// one: totals by channel and product, and how many households benefited — no
// names, no 脱贫户/监测户 flags, no buyers.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { publicNotices, villages } from '../../../db/schema/index.ts';
import { refuse } from '../../lib/errors.ts';
import { personActor, recordAudit } from '../audit/audit.server.ts';
import type { SessionUser } from '../auth/sessions.server.ts';
import { parsePeriod, type Period } from './periods.ts';
import { villageReport } from './village-report.server.ts';

/** Who: a manager of the village (or an admin), checked at the edge. */
export async function publishNotice(db: Db, user: SessionUser, villageId: number, periodKey: string, publish: boolean) {
  const period = parsePeriod(periodKey);
  if (!period || period.kind === 'custom') throw refuse.invalid('notice_period_invalid');
  await db.transaction(async (tx) => {
    const changed = publish
      ? await tx.insert(publicNotices).values({ villageId, periodKey: period.key, publishedBy: user.id }).onConflictDoNothing().returning({ id: publicNotices.villageId })
      : await tx
          .delete(publicNotices)
          .where(and(eq(publicNotices.villageId, villageId), eq(publicNotices.periodKey, period.key)))
          .returning({ id: publicNotices.villageId });
    // Publishing what is already published (or withdrawing what is not) changes nothing: nothing to record.
    if (changed.length > 0)
      await recordAudit(tx, personActor(user), {
        action: publish ? 'notice.publish' : 'notice.withdraw',
        target: 'notice',
        targetId: `${villageId}:${period.key}`,
        after: { villageId, period: period.key, published: publish },
      });
  });
  return { published: publish };
}

export async function publishedNotices(db: Db, villageId: number) {
  return db
    .select({ periodKey: publicNotices.periodKey, publishedAt: publicNotices.publishedAt })
    .from(publicNotices)
    .where(eq(publicNotices.villageId, villageId))
    .orderBy(desc(publicNotices.periodKey));
}

/** The public figures of a published notice; null when the village has not published that period. */
export async function loadNotice(db: Db, slug: string, periodKey: string) {
  const period: Period | null = parsePeriod(periodKey);
  if (!period) return null;
  const [row] = await db
    .select({ villageId: villages.id, publishedAt: publicNotices.publishedAt })
    .from(publicNotices)
    .innerJoin(villages, eq(villages.id, publicNotices.villageId))
    .where(and(eq(villages.slug, slug), eq(publicNotices.periodKey, period.key)));
  if (!row) return null;
  const r = await villageReport(db, row.villageId, period);
  return {
    village: r.village!,
    period,
    publishedAt: row.publishedAt,
    total: r.total,
    byChannel: r.byChannel,
    byProduct: r.byProduct.map((p) => ({ name: p.name, nameEn: p.nameEn, amount: p.amount, quantity: p.quantity, saleUnit: p.saleUnit, grams: p.grams })),
    brokered: r.brokered,
    households: r.households.households,
  };
}
export type Notice = NonNullable<Awaited<ReturnType<typeof loadNotice>>>;
