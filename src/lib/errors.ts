// An expected refusal (bad input, wrong state, no access) with a message key of
// the `errors` dictionary, so each page shows it in the user's language.
// Thrown through the `refuse` factories: `throw refuse.conflict('order_state_changed')`.
import type { zh as errorMessages } from './messages/errors.ts';

export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 429;
/** A key of the `errors` dictionary: a refusal without a message in both languages does not compile. */
export type RefusalKey = keyof typeof errorMessages;

export class DomainError extends Error {
  readonly key: string;
  readonly field?: string;
  readonly status: RefusalStatus;
  constructor(key: string, options: { field?: string; status?: RefusalStatus } = {}) {
    super(key);
    this.name = 'DomainError';
    this.key = key;
    this.field = options.field;
    this.status = options.status ?? 400;
  }
}

/** The refusals a domain function throws; `field` names the form field the message belongs to. */
export const refuse = {
  /** 400: the input is wrong. */
  invalid: (key: RefusalKey, field?: string) => new DomainError(key, { field, status: 400 }),
  /** 403: signed in, but this is not theirs to do. */
  forbidden: (key: RefusalKey = 'forbidden') => new DomainError(key, { status: 403 }),
  /** 404: nothing by that id (or nothing the caller may know of). */
  notFound: (key: RefusalKey = 'not_found', field?: string) => new DomainError(key, { field, status: 404 }),
  /** 409: right input, wrong moment — someone moved the thing first, or its state forbids it. */
  conflict: (key: RefusalKey, field?: string) => new DomainError(key, { field, status: 409 }),
  /** 429: too many attempts; try later. */
  tooMany: (key: RefusalKey, field?: string) => new DomainError(key, { field, status: 429 }),
};

/** Thrown by the require* guards: 401 sends the visitor to sign in, 403 shows "no access". */
export class AccessError extends Error {
  readonly status: 401 | 403;
  constructor(status: 401 | 403) {
    super(status === 401 ? 'sign-in required' : 'forbidden');
    this.name = 'AccessError';
    this.status = status;
  }
}

/** For a page: a missing record and one the caller may not know of are the same 404 — a 404 refusal becomes null. */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) return null;
    throw error;
  }
}
