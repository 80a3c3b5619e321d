// Recording 帮助销售 (a sale brokered off the platform) and correcting one.
// Who: a manager of the village, or the admins and buyers of the helping unit
// that brokered it (then it counts for the unit too); platform admins — checked
// at the edge by requireOfflineRecorder, which passes the recorder in. The record
// and its ledger entry (channel brokered, self-reported, source offline) are
// written together; a correction is a reversing record and a negative entry.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { villages } from '../../../db/schema/catalog.ts';
import { offlineSales } from '../../../db/schema/reports.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { refuse } from '../../lib/errors.ts';
import type { AuthLocals } from '../auth/guards.server.ts';
import type { SessionUser } from '../auth/sessions.server.ts';
import { personActor, recordAudit } from '../audit/audit.server.ts';
import * as ledger from '../ledger/ledger.server.ts';
import { removeUploads, savePhotos } from '../uploads/uploads.server.ts';
import type { OfflineSaleInput } from './offline-sales.ts';
import { parsePeriod, shanghaiMidnight } from './periods.ts';
import { requireUnitRole } from '../units/access.server.ts';
import { requireVillageManager } from '../villages/access.server.ts';

/** Who may record or correct 帮助销售 for this scope: the unit's admins and buyers when a unit brokered it, else the village's managers. */
export async function requireOfflineRecorder(db: Db, locals: AuthLocals, scope: { villageId?: number | null; unitId?: number | null }): Promise<SessionUser> {
  if (scope.unitId) return (await requireUnitRole(db, locals, scope.unitId, ['admin', 'buyer'])).user;
  return requireVillageManager(db, locals, scope.villageId ?? -1);
}

export async function recordOfflineSale(db: Db, user: SessionUser, input: OfflineSaleInput, now = new Date()) {
  const [village] = await db.select({ id: villages.id }).from(villages).where(eq(villages.id, input.villageId));
  if (!village) throw refuse.invalid('invalid', 'villageId');
  // A real date, not in the future, within the last three years.
  const today = shanghaiDate(now);
  const day = parsePeriod(`${input.soldOn}~${input.soldOn}`);
  if (!day || input.soldOn > today || Number(input.soldOn.slice(0, 4)) < Number(today.slice(0, 4)) - 3) throw refuse.invalid('date_invalid', 'soldOn');
  const evidence = await savePhotos(input.evidence ?? [], 'evidence');
  try {
    return await db.transaction(async (tx) => {
      const [sale] = await tx
        .insert(offlineSales)
        .values({
          villageId: input.villageId,
          unitId: input.unitId ?? null,
          buyerName: input.buyerName,
          productName: input.productName,
          quantity: input.quantity,
          saleUnit: input.saleUnit,
          grams: input.jinPerUnit * BigInt(input.quantity),
          amountFen: input.amount,
          soldOn: input.soldOn,
          evidencePaths: evidence,
          recordedBy: user.id,
        })
        .returning();
      await ledger.append(tx, [
        {
          occurredAt: shanghaiMidnight(input.soldOn),
          villageId: sale.villageId,
          unitId: sale.unitId,
          channel: 'brokered',
          amountFen: sale.amountFen,
          quantity: sale.quantity,
          grams: sale.grams,
          sourceKind: 'offline',
          sourceId: sale.id,
          selfReported: true,
          note: `${sale.productName} · ${sale.buyerName}`,
          createdBy: user.id,
        },
      ]);
      return { id: sale.id };
    });
  } catch (error) {
    await removeUploads(evidence);
    throw error;
  }
}

export async function reverseOfflineSale(db: Db, user: SessionUser, scope: { villageId?: number | null; unitId?: number | null }, saleId: number, reason: string) {
  return db.transaction(async (tx) => {
    // Only a record of the caller's scope: the village's, or the recording unit's.
    const owned = scope.unitId ? eq(offlineSales.unitId, scope.unitId) : eq(offlineSales.villageId, scope.villageId ?? -1);
    const [sale] = await tx
      .select()
      .from(offlineSales)
      .where(and(eq(offlineSales.id, saleId), owned, isNull(offlineSales.reversesId)));
    if (!sale) throw refuse.notFound();
    // The unique index on reverses_id makes a second reversal fail: one correction per record.
    const [reversal] = await tx
      .insert(offlineSales)
      .values({
        ...sale,
        id: undefined,
        amountFen: -sale.amountFen,
        quantity: -sale.quantity,
        grams: -sale.grams,
        evidencePaths: [],
        reversesId: sale.id,
        reason,
        recordedBy: user.id,
        createdAt: new Date(),
      })
      .onConflictDoNothing()
      .returning();
    if (!reversal) throw refuse.conflict('already_reversed');
    await ledger.append(tx, [
      {
        occurredAt: shanghaiMidnight(sale.soldOn),
        villageId: sale.villageId,
        unitId: sale.unitId,
        channel: 'brokered',
        amountFen: reversal.amountFen,
        quantity: reversal.quantity,
        grams: reversal.grams,
        sourceKind: 'offline',
        sourceId: reversal.id,
        selfReported: true,
        note: `冲正：${reason}`,
        createdBy: user.id,
      },
    ]);
    await recordAudit(tx, personActor(user), {
      action: 'brokered.reverse',
      target: 'ledger_entry',
      targetId: `offline:${sale.id}`,
      before: { saleId: sale.id, amountFen: sale.amountFen, quantity: sale.quantity, grams: sale.grams },
      after: { reversalId: reversal.id, amountFen: reversal.amountFen, reason },
    });
    return { id: reversal.id };
  });
}

export async function listOfflineSales(db: Db, scope: { villageId: number } | { unitId: number }, limit = 100) {
  return db
    .select({
      sale: offlineSales,
      reversed: sql<boolean>`exists (select 1 from offline_sales r where r.reverses_id = ${offlineSales.id})`,
    })
    .from(offlineSales)
    .where('villageId' in scope ? eq(offlineSales.villageId, scope.villageId) : eq(offlineSales.unitId, scope.unitId))
    .orderBy(desc(offlineSales.soldOn), desc(offlineSales.id))
    .limit(limit);
}

/** The village an evidence file belongs to, for the route that serves it. */
export async function villageOfEvidence(db: Db, path: string): Promise<number | null> {
  const [row] = await db.select({ villageId: offlineSales.villageId }).from(offlineSales).where(sql`${path} = any(${offlineSales.evidencePaths})`).limit(1);
  return row?.villageId ?? null;
}
