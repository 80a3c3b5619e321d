// The signed-in person's own sessions, as the "devices" page shows them: never
// the session id (half of the cookie token), only what a person recognises.
import type { Db } from '../../../db/client.ts';
import { invalidateUserSessions, listUserSessions } from '../auth/sessions.server.ts';
import { describeUserAgent, type DeviceSummary } from './sessions.ts';

export interface DeviceSession extends DeviceSummary {
  /** 1, 2, 3… in sign-in order: a label, not an identifier. */
  index: number;
  createdAt: Date;
  ip: string | null;
  current: boolean;
}

export async function listMySessions(db: Db, userId: number, currentSessionId: string): Promise<DeviceSession[]> {
  const rows = await listUserSessions(db, userId);
  return rows.map((s, i) => ({
    index: i + 1,
    createdAt: s.createdAt,
    ip: s.ip,
    current: s.id === currentSessionId,
    ...describeUserAgent(s.userAgent),
  }));
}

/** Signs out every other device; returns how many sessions ended. */
export function endOtherSessions(db: Db, userId: number, currentSessionId: string): Promise<number> {
  return invalidateUserSessions(db, userId, currentSessionId);
}
