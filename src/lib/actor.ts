// Who does a thing. An edge (action, page, job, webhook) proves it once with a
// require* guard, which returns the Actor, and passes it inward; state changes
// check its kind against their rules and record it on timelines.
export type ActorKind = 'buyer' | 'village' | 'unit' | 'admin' | 'system' | 'stripe';

export interface Actor<K extends ActorKind = ActorKind> {
  kind: K;
  /** The signed-in person; null for the system, a payment provider, or a guest. */
  userId: number | null;
}

export const SYSTEM: Actor<'system'> = { kind: 'system', userId: null };
export const STRIPE: Actor<'stripe'> = { kind: 'stripe', userId: null };
