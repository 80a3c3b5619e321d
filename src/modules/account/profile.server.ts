// The signed-in person's own profile: display name and optional mobile.
// The email is the sign-in name and is not changed here.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/index.ts';
import { refuse } from '../../lib/errors.ts';
import type { Profile } from './profile.ts';

export async function updateProfile(db: Db, userId: number, input: Profile): Promise<Profile> {
  const [row] = await db
    .update(users)
    .set({ displayName: input.displayName, mobile: input.mobile })
    .where(eq(users.id, userId))
    .returning({ displayName: users.displayName, mobile: users.mobile });
  if (!row) throw refuse.notFound();
  return row;
}
