// Appending to the audit log and reading it. Any module whose writes an admin,
// reviewer or manager makes calls recordAudit inside the same transaction as the
// write, so a write and its record land together or not at all. Reading: platform admins.
import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { auditLog } from '../../../db/schema/audit.ts';
import { users } from '../../../db/schema/auth.ts';
import { assertAdmin, type Actor } from '../../lib/actor.ts';
import { escapeLike } from '../../lib/text.ts';
import { AUDIT_PAGE_SIZE, type AuditAction, type AuditFilter, type AuditTarget } from './audit.ts';

export interface AuditRecord {
  action: AuditAction;
  target: AuditTarget;
  targetId: string | number | bigint;
  before?: unknown;
  after?: unknown;
}

/** JSON-safe copy: bigint sums become strings, Dates ISO strings. */
function plain(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}

export { personActor } from '../../lib/actor.ts';

export async function recordAudit(db: DbOrTx, actor: Actor, record: AuditRecord, at = new Date()): Promise<void> {
  await db.insert(auditLog).values({
    at,
    actorUserId: actor.userId,
    actorKind: actor.kind,
    action: record.action,
    targetType: record.target,
    targetId: String(record.targetId),
    before: plain(record.before),
    after: plain(record.after),
  });
}

/** Newest first, 50 a page; the actor's email and name come from the account as it is now. */
export async function listAudit(db: Db, actor: Actor, filter: AuditFilter) {
  assertAdmin(actor);
  const where: SQL[] = [];
  if (filter.actor) {
    const p = `%${escapeLike(filter.actor)}%`;
    where.push(or(ilike(users.email, p), ilike(users.displayName, p)) as SQL);
  }
  if (filter.target) where.push(eq(auditLog.targetType, filter.target));
  if (filter.targetId) where.push(eq(auditLog.targetId, filter.targetId));
  // Days are Shanghai days, as everywhere in the reports.
  if (filter.from) where.push(gte(auditLog.at, sql`(${filter.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`));
  if (filter.to) where.push(lt(auditLog.at, sql`(${filter.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`));
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorUserId: auditLog.actorUserId,
      actorKind: auditLog.actorKind,
      actorEmail: users.email,
      actorName: users.displayName,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((filter.page - 1) * AUDIT_PAGE_SIZE);
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}
export type AuditRow = Awaited<ReturnType<typeof listAudit>>['rows'][number];
