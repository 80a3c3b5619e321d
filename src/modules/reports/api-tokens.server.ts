// Unit API tokens. Who creates and revokes: the unit's admins (and platform
// admins), checked at the edge. A token reads that unit's reports (with its
// sub-units) and nothing else.
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { unitApiTokens } from '../../../db/schema/reports.ts';
import type { SessionUser } from '../auth/sessions.server.ts';
import { refuse } from '../../lib/errors.ts';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createApiToken(db: Db, user: SessionUser, unitId: number, name: string) {
  const token = `bfu_${randomBytes(24).toString('base64url')}`;
  await db.insert(unitApiTokens).values({ unitId, name, tokenHash: hash(token), createdBy: user.id });
  return { token };
}

/** Revokes one of the unit's own tokens (again: no change); a token of another unit, or none, is a 404 — never a false "revoked". */
export async function revokeApiToken(db: Db, unitId: number, tokenId: number) {
  const [token] = await db
    .select({ revokedAt: unitApiTokens.revokedAt })
    .from(unitApiTokens)
    .where(and(eq(unitApiTokens.id, tokenId), eq(unitApiTokens.unitId, unitId)));
  if (!token) throw refuse.notFound();
  if (!token.revokedAt)
    await db
      .update(unitApiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(unitApiTokens.id, tokenId), isNull(unitApiTokens.revokedAt)));
  return { revoked: true };
}

export async function listApiTokens(db: Db, unitId: number) {
  return db
    .select({ id: unitApiTokens.id, name: unitApiTokens.name, createdAt: unitApiTokens.createdAt, lastUsedAt: unitApiTokens.lastUsedAt, revokedAt: unitApiTokens.revokedAt })
    .from(unitApiTokens)
    .where(eq(unitApiTokens.unitId, unitId))
    .orderBy(desc(unitApiTokens.id));
}

/** The unit a bearer token speaks for, or null. */
export async function unitOfToken(db: Db, token: string, now = new Date()): Promise<number | null> {
  if (!/^bfu_[A-Za-z0-9_-]{32}$/.test(token)) return null;
  const [row] = await db
    .update(unitApiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(unitApiTokens.tokenHash, hash(token)), isNull(unitApiTokens.revokedAt)))
    .returning({ unitId: unitApiTokens.unitId });
  return row?.unitId ?? null;
}
