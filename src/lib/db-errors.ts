// Is this error the database being unreachable (restarting, failing over, a
// dropped connection) rather than a bug? Then the answer is 503 "try again",
// not 500. postgres.js reports network failures by Node error code, the server
// by SQLSTATE class 57 (operator intervention) and 08 (connection exception).
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK.has(code) || /^(57P0[1-3]|08\d{3})$/.test(code)) return true;
  }
  return false;
}

/** The SQLSTATE of a database error, however deeply the driver or Drizzle wrapped it. */
export function sqlState(error: unknown): string | null {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return null;
}

/** The unique constraint a write ran into (23505), however deeply wrapped; null for any other error. */
export function uniqueViolation(error: unknown): string | null {
  for (
    let e = error as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (e.code === '23505') return String(e.constraint ?? e.constraint_name ?? '');
  }
  return null;
}
