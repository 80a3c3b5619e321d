// 帮助销售 records: the input a village manager fills in, and the reversal.
import { z } from 'zod';
import { cleanText } from '../../lib/text.ts';
import { parseYuan } from '../../lib/money.ts';
import { SALE_UNITS } from '../catalog/catalog.ts';

const line = (max: number, missing = 'required') =>
  z
    .string({ error: missing })
    .transform((v) => cleanText(v).replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, { error: missing }).max(max, { error: 'too_long' }));
const id = z.coerce.number({ error: 'invalid' }).int({ error: 'invalid' }).positive({ error: 'invalid' }).max(2_147_483_647, { error: 'invalid' });

export const OfflineSaleSchema = z.object({
  villageId: id,
  // Set when a helping unit records a sale it brokered: it then counts for the unit too.
  unitId: id.nullish(),
  buyerName: line(60),
  productName: line(40),
  quantity: z.coerce
    .number({ error: 'quantity_invalid' })
    .int({ error: 'quantity_invalid' })
    .min(1, { error: 'quantity_invalid' })
    .max(10_000_000, { error: 'quantity_invalid' }),
  saleUnit: z.enum(SALE_UNITS, { error: 'invalid' }),
  // 斤 per sale unit, so totals in 斤 can be given (optional: a broom has none).
  jinPerUnit: z
    .string()
    .nullish()
    .transform((v, ctx) => {
      if (!v) return 0n;
      const m = /^\s*(\d{1,6})(?:\.(\d))?\s*$/.exec(v);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: 'jin_invalid' });
        return z.NEVER;
      }
      return BigInt(m[1]) * 500n + BigInt(m[2] ?? '0') * 50n; // grams
    }),
  amount: z.string({ error: 'amount_invalid' }).transform((v, ctx) => {
    const fen = parseYuan(v);
    if (fen === null || fen <= 0n) {
      ctx.addIssue({ code: 'custom', message: 'amount_invalid' });
      return z.NEVER;
    }
    return fen;
  }),
  soldOn: z.string({ error: 'date_invalid' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_invalid' }),
  evidence: z
    .array(z.instanceof(File, { error: 'evidence_invalid' }))
    .max(4, { error: 'evidence_invalid' })
    .optional(),
});
export type OfflineSaleInput = z.infer<typeof OfflineSaleSchema>;

/** Reversed from the village's page (villageId) or the recording unit's (unitId). */
export const ReverseOfflineSaleSchema = z.object({ villageId: id.nullish(), unitId: id.nullish(), saleId: id, reason: line(200, 'reason_required_reversal') });
