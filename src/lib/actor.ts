// Who does a thing. An edge (action, page, job, webhook) proves it once with a
// require* guard, which returns the Actor, and passes it inward; state changes
// check its kind against their rules and record it on timelines.
import { AccessError } from './errors.ts';
export type ActorKind = 'buyer' | 'village' | 'unit' | 'admin' | 'system' | 'stripe';

export interface Actor<K extends ActorKind = ActorKind> {
  kind: K;
  /** The signed-in person; null for the system, a payment provider, or a guest. */
  userId: number | null;
}

export const SYSTEM: Actor<'system'> = { kind: 'system', userId: null };
export const STRIPE: Actor<'stripe'> = { kind: 'stripe', userId: null };

/** A signed-in manager or admin as the actor of their writes (timelines, the audit log). */
export function personActor(user: { id: number; role: 'user' | 'admin' }): Actor {
  return { kind: user.role === 'admin' ? 'admin' : 'village', userId: user.id };
}

/** Domain functions for platform admins check the actor again, so no caller can skip requireAdminActor by accident. */
export function assertAdmin(actor: Actor): asserts actor is Actor<'admin'> & { userId: number } {
  if (actor.kind !== 'admin' || actor.userId === null) throw new AccessError(403);
}
