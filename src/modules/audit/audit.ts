// The audit log's rules that need no database: what a filter may hold, and the
// actions' names. Who reads the log: platform admins.
import { cleanText } from '../../lib/text.ts';

export const AUDIT_PAGE_SIZE = 50;

/** What was done, `<target>.<verb>`; the admin page names each in the reader's language. */
export const auditActions = [
  'unit.verify',
  'unit.reject',
  'unit.villages',
  'user.role',
  'user.disabled',
  'village.create',
  'village.update',
  'village.pause',
  'village.resume',
  'village.manager_invite',
  'village.manager_invite_revoke',
  'village.manager_accept',
  'village.manager_appoint',
  'village.manager_remove',
  'variant.stock',
  'notice.publish',
  'notice.withdraw',
  'brokered.reverse',
  'producer.create',
  'producer.update',
  'product.create',
  'product.update',
  'product.submit',
  'product.approve',
  'product.reject',
  'product.off_shelf',
  'product.on_shelf',
  'variant.price',
  'product.credential_add',
  'product.credential_remove',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditTargets = ['unit', 'user', 'village', 'producer', 'product', 'variant', 'notice', 'ledger_entry'] as const;
export type AuditTarget = (typeof auditTargets)[number];

export interface AuditFilter {
  /** Part of the actor's email or name. */
  actor: string;
  target: AuditTarget | '';
  targetId: string;
  /** Shanghai dates, inclusive. */
  from: string;
  to: string;
  page: number;
}

const date = /^\d{4}-\d{2}-\d{2}$/;

/** The filter from the query string: anything odd is dropped, never an error (it is a read). */
export function parseAuditFilter(params: URLSearchParams): AuditFilter {
  const text = (k: string, max: number) =>
    cleanText(params.get(k) ?? '')
      .trim()
      .slice(0, max);
  const target = params.get('target') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const page = params.get('page') ?? '';
  return {
    actor: text('actor', 100),
    target: (auditTargets as readonly string[]).includes(target) ? (target as AuditTarget) : '',
    targetId: /^[0-9A-Za-z_-]{1,40}$/.test(params.get('id') ?? '') ? (params.get('id') as string) : '',
    from: date.test(from) && !Number.isNaN(Date.parse(from)) ? from : '',
    to: date.test(to) && !Number.isNaN(Date.parse(to)) ? to : '',
    page: /^\d{1,5}$/.test(page) && Number(page) > 0 ? Number(page) : 1,
  };
}
