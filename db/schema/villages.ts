// Who runs a village's shop (villages): its managers (村两委 / 驻村工作队).
import { customType, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { villages } from './catalog.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

// Appointed by a platform admin.
export const villageManagers = pgTable(
  'village_managers',
  {
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    appointedAt: timestamp('appointed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.villageId, t.userId] }), index('village_managers_user_idx').on(t.userId)],
);

// A link a platform admin mails to a village's new manager: single-use, expires.
// The link carries `<id>.<secret>`; only SHA-256(secret) is stored.
export const villageManagerInvites = pgTable(
  'village_manager_invites',
  {
    id: text('id').primaryKey(),
    secretHash: bytea('secret_hash').notNull(),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    usedBy: integer('used_by').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('village_manager_invites_village_idx').on(t.villageId)],
);
