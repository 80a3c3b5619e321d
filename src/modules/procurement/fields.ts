// Form fields the procurement and group-order inputs share: a row id, one line
// of text, the repeated fields of a line table (variantId[], quantity[] …) and a
// whole quantity as people type it.
import { z } from 'zod';
import { cleanText } from '../../lib/text.ts';

export const id = z.coerce.number({ error: 'invalid' }).int({ error: 'invalid' }).positive({ error: 'invalid' }).max(2_147_483_647, { error: 'invalid' });

/** Optional one-line text: control characters removed, whitespace collapsed, at most `max` characters. */
export const text = (max: number) =>
  z
    .string()
    .nullish()
    .transform((v) =>
      cleanText(v ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .pipe(z.string().max(max, { error: 'too_long' }));

/** A field repeated once per table row (absent: no rows). */
export const list = z
  .array(z.string().max(40, { error: 'invalid' }))
  .max(200, { error: 'invalid' })
  .optional()
  .default([]);

/** "1000" → 1000; anything but up to 7 digits → NaN, which every range check refuses. */
export const qty = (v: string) => (/^\s*\d{1,7}\s*$/.test(v) ? Number(v) : Number.NaN);
