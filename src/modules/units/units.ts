// Helping-unit inputs (pure). Error messages are `errors` dictionary keys.
import { z } from 'zod';
import { cleanText } from '../../lib/text.ts';
import { creditCodeField } from '../../lib/fields.ts';

export const unitKinds = ['government', 'public_institution', 'state_enterprise', 'private_enterprise', 'social_organization'] as const;
export const unitRoles = ['staff', 'buyer', 'approver', 'admin'] as const;
export type UnitRoleName = (typeof unitRoles)[number];

const text = (max: number) =>
  z
    .string({ error: 'required' })
    .transform((v) => cleanText(v).trim())
    .pipe(z.string().min(1, { error: 'required' }).max(max, { error: 'too_long' }));

// Mobile (13800138000) or landline with area code (010-12345678).
const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

export const RegisterUnitSchema = z.object({
  name: text(60),
  kind: z.enum(unitKinds, { error: 'unit_kind_invalid' }),
  creditCode: creditCodeField,
  invoiceTitle: text(100),
  // 纳税人识别号: 15–20 letters and digits (for most units it is the credit code itself).
  taxNumber: z
    .string({ error: 'required' })
    .transform((v) => cleanText(v).trim().toUpperCase())
    .pipe(z.string().regex(/^[0-9A-Z]{15,20}$/, { error: 'tax_number_invalid' })),
  contactName: text(30),
  contactPhone: z
    .string({ error: 'phone_invalid' })
    .transform((v) => v.replace(/\s/g, ''))
    .pipe(z.string().regex(PHONE_RE, { error: 'phone_invalid' })),
  parentId: z.coerce.number().int().positive().max(2_147_483_647).nullish().catch(null),
});
export type RegisterUnit = z.infer<typeof RegisterUnitSchema>;

// Row ids are PostgreSQL `integer`: a larger number is no id (and would fail in the query, as a 500).
const id = z.coerce.number({ error: 'invalid' }).int().positive().max(2_147_483_647, { error: 'invalid' });

/** A link is for one person; a staff link may be for a whole office, never one that grants more. */
export const INVITE_MAX_USES = 200;
export const CreateInviteSchema = z
  .object({
    unitId: id,
    role: z.enum(unitRoles, { error: 'invalid' }),
    days: z.coerce.number().int().min(1).max(30).catch(7),
    uses: z.coerce.number({ error: 'invalid' }).int({ error: 'invalid' }).min(1, { error: 'invalid' }).max(INVITE_MAX_USES, { error: 'invalid' }).default(1),
  })
  .superRefine((v, ctx) => {
    if (v.uses > 1 && v.role !== 'staff') ctx.addIssue({ code: 'custom', path: ['uses'], message: 'invite_multi_staff_only' });
  });

export const RevokeInviteSchema = z.object({ unitId: id, inviteId: z.string().min(1).max(64) });
export const AcceptInviteSchema = z.object({ code: z.string().min(1).max(200) });
export const SetMemberRoleSchema = z.object({ unitId: id, userId: id, role: z.enum(unitRoles, { error: 'invalid' }) });
export const RemoveMemberSchema = z.object({ unitId: id, userId: id, confirm: z.literal(['on', 'true', '1'], { error: 'confirm_required' }) });

/** Roles that act for the unit (as opposed to staff buying for themselves). */
export function canManageMembers(role: UnitRoleName | 'platform_admin'): boolean {
  return role === 'admin' || role === 'platform_admin';
}
