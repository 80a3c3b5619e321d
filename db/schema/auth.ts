// People and their sign-in (auth): users, sessions (Lucia-style: only a hash of
// the secret is stored), sign-in throttling, password reset tokens.
import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgEnum, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const platformRole = pgEnum('platform_role', ['user', 'admin']);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    // Stored lower-cased and trimmed; unique.
    email: text('email').notNull().unique(),
    mobile: text('mobile'),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: platformRole('role').notNull().default('user'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('users_email_lower', sql`${t.email} = lower(${t.email})`)],
);

export const sessions = pgTable(
  'sessions',
  {
    // The token is `<id>.<secret>`; the id is public, only SHA-256(secret) is stored.
    id: text('id').primaryKey(),
    secretHash: bytea('secret_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

// Failed sign-ins per key ('email:…' or 'ip:…'), in the database so the limit
// holds across server instances.
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: text('id').primaryKey(),
    secretHash: bytea('secret_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('password_reset_tokens_user_idx').on(t.userId)],
);

// A sign-up waiting for its email to be confirmed: the request does the same work for any
// email (so its answer says nothing of which emails have accounts); a job mails the link
// (secret set then) or, for a taken email, a note to its owner. Confirming creates the account.
// Expired and used rows are deleted by a sweep: they hold personal data.
export const signUpRequests = pgTable(
  'sign_up_requests',
  {
    id: text('id').primaryKey(),
    // Set by the job that mails the link; null until then (and for a taken email).
    secretHash: bytea('secret_hash'),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    mobile: text('mobile'),
    passwordHash: text('password_hash').notNull(),
    next: text('next'),
    locale: text('locale').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('sign_up_requests_expires_idx').on(t.expiresAt)],
);
