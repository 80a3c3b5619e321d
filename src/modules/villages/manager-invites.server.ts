// Inviting a village's manager by email. Who: a platform admin invites and revokes;
// the person the mail was sent to — signed in with that same email — accepts.
// A link is single-use and expires after INVITE_DAYS; only SHA-256 of its secret is
// stored, and the log never records it. Accepting makes the person a manager.
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { villages } from '../../../db/schema/catalog.ts';
import { villageManagerInvites, villageManagers } from '../../../db/schema/villages.ts';
import { assertAdmin, type Actor } from '../../lib/actor.ts';
import { env } from '../../lib/env.ts';
import { refuse } from '../../lib/errors.ts';
import { fill, localePath, messages, type Locale } from '../../lib/i18n.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { generateToken, parseToken, secretMatches } from '../auth/tokens.ts';
import { sendMail } from '../mail/mail.server.ts';
import type { InviteManager } from './villages.ts';

export const INVITE_DAYS = 7;
const DAY = 24 * 60 * 60 * 1000;
const site = () => env.SITE_URL.replace(/\/$/, '');

export async function inviteManager(db: Db, actor: Actor, input: InviteManager, locale: Locale, now = new Date()) {
  assertAdmin(actor);
  const [village] = await db.select({ id: villages.id, name: villages.name }).from(villages).where(eq(villages.id, input.villageId));
  if (!village) throw refuse.notFound();
  const t = generateToken();
  const expiresAt = new Date(now.getTime() + INVITE_DAYS * DAY);
  const link = `${site()}${localePath(locale, '/manage/accept')}?code=${encodeURIComponent(t.token)}`;
  const text = messages(locale).shelf;
  await db.transaction(async (tx) => {
    await tx
      .insert(villageManagerInvites)
      .values({ id: t.id, secretHash: t.secretHash, villageId: village.id, email: input.email, createdBy: actor.userId, createdAt: now, expiresAt });
    await recordAudit(tx, actor, { action: 'village.manager_invite', target: 'village', targetId: village.id, after: { inviteId: t.id, email: input.email, expiresAt } }, now);
    await sendMail(tx, {
      to: input.email,
      subject: fill(text.inviteMailSubject, { village: village.name }),
      body: fill(text.inviteMailBody, { village: village.name, link, days: INVITE_DAYS }),
    });
  });
  return { villageId: village.id, email: input.email };
}

export async function revokeManagerInvite(db: Db, actor: Actor, input: { villageId: number; inviteId: string }, now = new Date()) {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(villageManagerInvites)
      .set({ revokedAt: now })
      .where(
        and(
          eq(villageManagerInvites.id, input.inviteId),
          eq(villageManagerInvites.villageId, input.villageId),
          isNull(villageManagerInvites.usedAt),
          isNull(villageManagerInvites.revokedAt),
        ),
      )
      .returning({ email: villageManagerInvites.email });
    if (!row) throw refuse.conflict('state_changed');
    await recordAudit(
      tx,
      actor,
      { action: 'village.manager_invite_revoke', target: 'village', targetId: input.villageId, after: { inviteId: input.inviteId, email: row.email } },
      now,
    );
    return { villageId: input.villageId };
  });
}

/** Invitations still open (not used, revoked or expired), per village, for the admin page. */
export async function openManagerInvites(db: Db, actor: Actor, now = new Date()) {
  assertAdmin(actor);
  return db
    .select({ id: villageManagerInvites.id, villageId: villageManagerInvites.villageId, email: villageManagerInvites.email, expiresAt: villageManagerInvites.expiresAt })
    .from(villageManagerInvites)
    .where(and(isNull(villageManagerInvites.usedAt), isNull(villageManagerInvites.revokedAt), gt(villageManagerInvites.expiresAt, now)))
    .orderBy(asc(villageManagerInvites.createdAt));
}

/** What a live link offers (the village and the email it was sent to); null for a wrong, used, revoked or expired one. */
export async function findManagerInvite(db: Db, code: string, now = new Date()) {
  const parsed = parseToken(code);
  if (!parsed) return null;
  const [row] = await db
    .select({
      id: villageManagerInvites.id,
      secretHash: villageManagerInvites.secretHash,
      email: villageManagerInvites.email,
      villageId: villages.id,
      villageName: villages.name,
      villageNameEn: villages.nameEn,
      villageSlug: villages.slug,
    })
    .from(villageManagerInvites)
    .innerJoin(villages, eq(villages.id, villageManagerInvites.villageId))
    .where(
      and(eq(villageManagerInvites.id, parsed.id), isNull(villageManagerInvites.usedAt), isNull(villageManagerInvites.revokedAt), gt(villageManagerInvites.expiresAt, now)),
    );
  if (!row || !secretMatches(parsed.secret, row.secretHash)) return null;
  const { secretHash: _s, ...invite } = row;
  return invite;
}

/** The signed-in person presses 接受: they become a manager of the village, and the link is spent. */
export async function acceptManagerInvite(db: Db, user: { id: number; email: string }, code: string, now = new Date()) {
  const invite = await findManagerInvite(db, code, now);
  if (!invite) throw refuse.invalid('manager_invite_invalid');
  if (invite.email !== user.email.toLowerCase()) throw refuse.forbidden('manager_invite_other_email');
  return db.transaction(async (tx) => {
    // Spent in the same transaction: two presses (or two tabs) make one manager.
    const [spent] = await tx
      .update(villageManagerInvites)
      .set({ usedAt: now, usedBy: user.id })
      .where(and(eq(villageManagerInvites.id, invite.id), isNull(villageManagerInvites.usedAt), isNull(villageManagerInvites.revokedAt)))
      .returning({ id: villageManagerInvites.id });
    if (!spent) throw refuse.invalid('manager_invite_invalid');
    await tx.insert(villageManagers).values({ villageId: invite.villageId, userId: user.id, appointedAt: now }).onConflictDoNothing();
    await recordAudit(
      tx,
      { kind: 'village', userId: user.id },
      { action: 'village.manager_accept', target: 'village', targetId: invite.villageId, after: { inviteId: invite.id, userId: user.id } },
      now,
    );
    return { villageId: invite.villageId, slug: invite.villageSlug };
  });
}
