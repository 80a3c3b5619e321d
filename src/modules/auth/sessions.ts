// Session lifetime rules (pure): 30 days, renewed when less than half remains.
export const SESSION_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_MS = SESSION_DAYS * DAY;

export function sessionExpiry(now: Date): Date {
  return new Date(now.getTime() + SESSION_MS);
}

export function isExpired(expiresAt: Date, now: Date): boolean {
  return now.getTime() >= expiresAt.getTime();
}

export function needsRenewal(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() - now.getTime() < SESSION_MS / 2;
}
