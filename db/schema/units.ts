// Helping units (帮扶单位), their members and invites, and their paired villages (units).
import { sql } from 'drizzle-orm';
import { bigint, check, customType, foreignKey, index, integer, pgEnum, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { villages } from './catalog.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const unitKind = pgEnum('unit_kind', [
  'government', // 党政机关
  'public_institution', // 事业单位
  'state_enterprise', // 国有企业
  'private_enterprise', // 民营企业
  'social_organization', // 社会组织
]);

// Who acts next: a platform admin reviews a pending unit.
export const unitStatus = pgEnum('unit_status', ['pending_admin_review', 'verified', 'rejected']);

// buyer / approver / admin act for the unit; staff (职工) buy for themselves, counted for the unit.
export const unitRole = pgEnum('unit_role', ['staff', 'buyer', 'approver', 'admin']);

export const units = pgTable(
  'units',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    kind: unitKind('kind').notNull(),
    // 统一社会信用代码 (GB 32100-2015), 18 characters, check digit validated by the app.
    creditCode: text('credit_code').notNull().unique(),
    invoiceTitle: text('invoice_title').notNull(),
    taxNumber: text('tax_number').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    parentId: integer('parent_id'),
    status: unitStatus('status').notNull().default('pending_admin_review'),
    // An accepted quote above this needs an approver who is not the requester (0: every quote does).
    approvalThresholdFen: bigint('approval_threshold_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    reviewNote: text('review_note'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('units_parent_idx').on(t.parentId),
    foreignKey({ name: 'units_parent_fk', columns: [t.parentId], foreignColumns: [t.id] }),
    check('units_credit_code_format', sql`${t.creditCode} ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'`),
    check('units_not_own_parent', sql`${t.parentId} IS NULL OR ${t.parentId} <> ${t.id}`),
  ],
);

export const unitMembers = pgTable(
  'unit_members',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: unitRole('role').notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.userId] }), index('unit_members_user_idx').on(t.userId)],
);

export const unitInvites = pgTable(
  'unit_invites',
  {
    // The link carries `<id>.<secret>`; only SHA-256(secret) is stored.
    id: text('id').primaryKey(),
    secretHash: bytea('secret_hash').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    role: unitRole('role').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    // One person by default; a staff link for a whole office may take more.
    maxUses: integer('max_uses').notNull().default(1),
    uses: integer('uses').notNull().default(0),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('unit_invites_unit_idx').on(t.unitId), check('unit_invites_uses_within_limit', sql`${t.uses} >= 0 AND ${t.uses} <= ${t.maxUses}`)],
);

// 结对帮扶: set by a platform admin.
export const unitVillages = pgTable(
  'unit_villages',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.villageId] })],
);
