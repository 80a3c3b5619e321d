// An expected refusal (bad input, wrong state, no access) with a message key of
// the `errors` dictionary, so each page shows it in the user's language.
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 429;

export class DomainError extends Error {
  readonly key: string;
  readonly field?: string;
  readonly status: RefusalStatus;
  constructor(key: string, field?: string, status: RefusalStatus = 400) {
    super(key);
    this.name = 'DomainError';
    this.key = key;
    this.field = field;
    this.status = status;
  }
}

/** Thrown by the require* guards: 401 sends the visitor to sign in, 403 shows "no access". */
export class AccessError extends Error {
  readonly status: 401 | 403;
  constructor(status: 401 | 403) {
    super(status === 401 ? 'sign-in required' : 'forbidden');
    this.name = 'AccessError';
    this.status = status;
  }
}
