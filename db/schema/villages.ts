// Who runs a village's shop (villages): its managers (村两委 / 驻村工作队).
import { index, integer, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { villages } from './catalog.ts';

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
