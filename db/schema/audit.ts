// The audit log (audit): one append-only row for every write an admin, reviewer or
// village manager makes — who, when, what, and the row before and after. A trigger
// (migration 0016) refuses UPDATE, DELETE and TRUNCATE, as on the ledger.
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    // The signed-in person (no foreign key: the log outlives accounts, and a
    // cascading change to it would be an UPDATE the trigger refuses); null for the system.
    actorUserId: integer('actor_user_id'),
    actorKind: text('actor_kind').notNull(),
    // What was done, as `<target>.<verb>`: unit.verify, user.role, village.create, variant.stock…
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_actor_idx').on(t.actorUserId, t.at), index('audit_log_target_idx').on(t.targetType, t.targetId, t.at)],
);
