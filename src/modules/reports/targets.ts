// A unit's annual target, as its admin enters it.
import { z } from 'zod';
import { cleanText } from '../../lib/text.ts';
import { parseYuan } from '../../lib/money.ts';

const id = z.coerce.number({ error: 'invalid' }).int({ error: 'invalid' }).positive({ error: 'invalid' }).max(2_147_483_647, { error: 'invalid' });

export const TargetSchema = z.object({
  unitId: id,
  year: z.coerce
    .number({ error: 'target_year_invalid' })
    .int({ error: 'target_year_invalid' })
    .min(2000, { error: 'target_year_invalid' })
    .max(2100, { error: 'target_year_invalid' }),
  kind: z.enum(['reserved_share', 'union_gift', 'other'], { error: 'invalid' }),
  name: z
    .string({ error: 'required' })
    .transform((v) => cleanText(v).replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, { error: 'required' }).max(40, { error: 'too_long' })),
  amount: z.string({ error: 'amount_invalid' }).transform((v, ctx) => {
    const fen = parseYuan(v);
    if (fen === null || fen <= 0n) {
      ctx.addIssue({ code: 'custom', message: 'amount_invalid' });
      return z.NEVER;
    }
    return fen;
  }),
  basis: z
    .string()
    .nullish()
    .transform((v) =>
      cleanText(v ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .pipe(z.string().max(100, { error: 'too_long' })),
});
export type TargetInput = z.infer<typeof TargetSchema>;

export const RemoveTargetSchema = z.object({ unitId: id, targetId: id });

/** A unit API token: a name to tell tokens apart (e.g. 财务系统). */
export const ApiTokenSchema = z.object({
  unitId: id,
  name: z
    .string({ error: 'required' })
    .transform((v) => cleanText(v).replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, { error: 'required' }).max(40, { error: 'too_long' })),
});
export const RevokeApiTokenSchema = z.object({ unitId: id, tokenId: id });

/** Publish (or withdraw) a village's 公示 for a month, quarter, half or year. */
export const NoticeSchema = z.object({
  villageId: id,
  period: z.string({ error: 'notice_period_invalid' }).max(20, { error: 'notice_period_invalid' }),
  publish: z.enum(['yes', 'no'], { error: 'invalid' }),
});
