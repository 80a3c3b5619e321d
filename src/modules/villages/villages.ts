// Village onboarding inputs (pure): what a platform admin enters to put a village on
// the platform. Error messages are `errors` dictionary keys.
import { z } from 'zod';
import { creditCodeField, idField, optionalText, requiredText } from '../../lib/fields.ts';
import { parseYuan } from '../../lib/money.ts';
import { emailField } from '../auth/auth.ts';
import { cleanText } from '../../lib/text.ts';

/** Provinces' short names, as a village's "not shipped fresh to" list names them (a prefix of the address's province). */
export const provinceShortNames = [
  '北京',
  '天津',
  '河北',
  '山西',
  '内蒙古',
  '辽宁',
  '吉林',
  '黑龙江',
  '上海',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '广西',
  '海南',
  '重庆',
  '四川',
  '贵州',
  '云南',
  '西藏',
  '陕西',
  '甘肃',
  '青海',
  '宁夏',
  '新疆',
] as const;

const text = requiredText;

const yuan = (required: boolean) =>
  z
    .string()
    .nullish()
    .transform((v, ctx) => {
      const s = (v ?? '').trim();
      if (!s && !required) return null;
      const fen = parseYuan(s);
      // Up to ¥99,999: a shipping fee or threshold past that is a typo.
      if (fen === null || fen > 9_999_900n) {
        ctx.addIssue({ code: 'custom', message: 'village_amount_invalid' });
        return z.NEVER;
      }
      return Number(fen);
    });

const villageFields = {
  name: text(40),
  nameEn: optionalText(80),
  // The address in the village's web pages: lower-case letters, digits and hyphens (empty: made from the division code).
  slug: z
    .string()
    .nullish()
    .transform((v) => (v ?? '').trim().toLowerCase())
    .pipe(z.string().regex(/^$|^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, { error: 'village_slug_invalid' })),
  township: z.string({ error: 'division_required' }).regex(/^\d{9}$/, { error: 'division_required' }),
  village: z
    .string()
    .nullish()
    .transform((v) => v ?? '')
    .pipe(z.string().regex(/^$|^\d{12}$/, { error: 'division_invalid' })),
  collectiveName: text(80),
  creditCode: creditCodeField,
  story: optionalText(2000),
  storyEn: optionalText(4000),
  bankAccountName: optionalText(80),
  bankName: optionalText(80),
  bankAccountNo: z
    .string()
    .nullish()
    .transform((v) => (v ?? '').replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^$|^\d{8,32}$/, { error: 'bank_account_invalid' })),
  shippingFee: yuan(true),
  freeShippingOver: yuan(false),
  noFreshProvinces: z
    .string()
    .nullish()
    .transform((v, ctx) => {
      const names = [
        ...new Set(
          cleanText(v ?? '')
            .split(/[\s,，、;；]+/)
            .filter(Boolean),
        ),
      ];
      if (names.some((n) => !(provinceShortNames as readonly string[]).includes(n))) {
        ctx.addIssue({ code: 'custom', message: 'village_provinces_invalid' });
        return z.NEVER;
      }
      return names;
    }),
};

function checkVillage(v: { township: string; village: string; bankAccountName: string; bankName: string; bankAccountNo: string }, ctx: z.RefinementCtx) {
  if (v.village && !v.village.startsWith(v.township)) ctx.addIssue({ code: 'custom', path: ['village'], message: 'division_invalid' });
  // 对公转账 needs all three or none.
  const bank = [v.bankAccountName, v.bankName, v.bankAccountNo].filter(Boolean).length;
  if (bank > 0 && bank < 3) {
    // On the first field left empty, where the person looks next.
    const missing = (['bankAccountName', 'bankName', 'bankAccountNo'] as const).find((k) => !v[k]);
    ctx.addIssue({ code: 'custom', path: [missing ?? 'bankAccountNo'], message: 'bank_details_incomplete' });
  }
}

export const VillageSchema = z.object(villageFields).superRefine(checkVillage);
export type VillageInput = z.infer<typeof VillageSchema>;

const id = idField;
export const UpdateVillageSchema = z.object({ villageId: id, ...villageFields }).superRefine(checkVillage);
export type UpdateVillage = z.infer<typeof UpdateVillageSchema>;

export const PauseVillageSchema = z.object({
  villageId: id,
  paused: z.enum(['true', 'false'], { error: 'invalid' }).transform((v) => v === 'true'),
  confirm: z.literal(['on', 'true', '1'], { error: 'confirm_required' }),
});
export type PauseVillage = z.infer<typeof PauseVillageSchema>;

export const InviteManagerSchema = z.object({ villageId: id, email: emailField });
export type InviteManager = z.infer<typeof InviteManagerSchema>;

export const RevokeManagerInviteSchema = z.object({
  villageId: id,
  inviteId: z.string().regex(/^[a-z0-9]{1,64}$/, { error: 'invalid' }),
  confirm: z.literal(['on', 'true', '1'], { error: 'confirm_required' }),
});

export const AcceptManagerInviteSchema = z.object({ code: z.string().max(200, { error: 'invite_invalid' }) });
