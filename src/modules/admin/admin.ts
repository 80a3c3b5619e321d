// Platform-admin inputs and the rules that need no database. Error messages are
// keys of the `errors` dictionary or of messages/admin.ts.
import { z } from 'zod';
import { emailField } from '../auth/auth.ts';
import { cleanText } from '../../lib/text.ts';

export const ADMIN_PAGE_SIZE = 20;
export const unitStatuses = ['pending_admin_review', 'verified', 'rejected'] as const;
export type UnitStatusName = (typeof unitStatuses)[number];
export const REJECT_REASON_MAX = 300;

export { assertAdmin } from '../../lib/actor.ts';

const id = z.coerce.number({ error: 'invalid' }).int({ error: 'invalid' }).positive({ error: 'invalid' }).max(2_147_483_647, { error: 'invalid' });
const confirm = z.literal(['on', 'true', '1'], { error: 'confirm_required' });

export const SetUserRoleSchema = z.object({ userId: id, role: z.enum(['user', 'admin'], { error: 'invalid' }) });
export type SetUserRole = z.infer<typeof SetUserRoleSchema>;

export const SetUserDisabledSchema = z.object({
  userId: id,
  disabled: z.enum(['true', 'false'], { error: 'invalid' }).transform((v) => v === 'true'),
});
export type SetUserDisabled = z.infer<typeof SetUserDisabledSchema>;

export const VerifyUnitSchema = z.object({ unitId: id });
export const RejectUnitSchema = z.object({
  unitId: id,
  reason: z
    .string({ error: 'reason_required' })
    .transform((v) => cleanText(v).trim())
    .pipe(z.string().min(1, { error: 'reason_required' }).max(REJECT_REASON_MAX, { error: 'too_long' })),
});
export type RejectUnit = z.infer<typeof RejectUnitSchema>;

export const SetUnitVillagesSchema = z.object({ unitId: id, villageIds: z.array(id).max(500, { error: 'invalid' }) });
export type SetUnitVillages = z.infer<typeof SetUnitVillagesSchema>;

export const AppointManagerSchema = z.object({ villageId: id, email: emailField });
export type AppointManager = z.infer<typeof AppointManagerSchema>;

export const RemoveManagerSchema = z.object({ villageId: id, userId: id, confirm });

export const RetryJobSchema = z.object({ jobId: z.uuid({ error: 'invalid' }) });
export type RemoveManager = z.infer<typeof RemoveManagerSchema>;

/** A page number from the query string; anything odd is page 1. */
export function parsePage(value: string | null): number {
  return value && /^\d{1,5}$/.test(value) && Number(value) > 0 ? Number(value) : 1;
}

/** An id from our own query string or hidden field; anything odd is null. */
export function parseId(value: string | null | undefined): number | null {
  return value && /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : null;
}

/** The search box text: cleaned, trimmed, bounded. */
export function parseQuery(value: string | null): string {
  return cleanText(value ?? '')
    .trim()
    .slice(0, 100);
}

/** The unit-status filter: one of the statuses, or 'all'. Pending review is the work queue, so it is the default. */
export function parseStatusFilter(value: string | null): UnitStatusName | 'all' {
  if (value === 'all') return 'all';
  return (unitStatuses as readonly string[]).includes(value ?? '') ? (value as UnitStatusName) : 'pending_admin_review';
}

export function pageCount(total: number, pageSize = ADMIN_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** `?q=…&page=…` for the user list, leaving out defaults. */
export function usersQuery(q: string, page: number, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}
