// Form fields every input schema uses the same way (zod; messages are `errors` keys): a row id
// from a hidden field, required and optional text (cleaned, trimmed, bounded), a 统一社会信用代码.
import { z } from 'zod';
import { normaliseCreditCode } from './credit-code.ts';
import { cleanText } from './text.ts';

export const idField = z.coerce.number({ error: 'invalid' }).int({ error: 'invalid' }).positive({ error: 'invalid' }).max(2_147_483_647, { error: 'invalid' });

export const requiredText = (max: number) =>
  z
    .string({ error: 'required' })
    .transform((v) => cleanText(v).trim())
    .pipe(z.string().min(1, { error: 'required' }).max(max, { error: 'too_long' }));

/** Empty, missing or null reads as ''. */
export const optionalText = (max: number) =>
  z
    .string()
    .nullish()
    .transform((v) => cleanText(v ?? '').trim())
    .pipe(z.string().max(max, { error: 'too_long' }));

export const creditCodeField = z.string({ error: 'credit_code_invalid' }).transform((v, ctx) => {
  const code = normaliseCreditCode(cleanText(v));
  if (!code) {
    ctx.addIssue({ code: 'custom', message: 'credit_code_invalid' });
    return z.NEVER;
  }
  return code;
});
