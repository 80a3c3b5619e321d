// Saved delivery addresses: the input schema and the rules that need no database.
// Error messages are keys of the `errors` dictionary (or of messages/account.ts).
import { z } from 'zod';
import { mobileField } from '../auth/auth.ts';
import { cleanText } from '../../lib/text.ts';

/** A person keeps a handful of addresses (home, office, parents); 20 is plenty and bounds the page. */
export const MAX_ADDRESSES = 20;

export const ADDRESS_LIMITS = { recipient: 30, region: 20, detail: 120 } as const;

/** Required one-line text: control characters removed, inner whitespace collapsed. */
const requiredText = (max: number) =>
  z
    .string({ error: 'required' })
    .transform((v) => cleanText(v).replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, { error: 'required' }).max(max, { error: 'too_long' }));

export const AddressSchema = z.object({
  recipient: requiredText(ADDRESS_LIMITS.recipient),
  mobile: mobileField,
  province: requiredText(ADDRESS_LIMITS.region),
  city: requiredText(ADDRESS_LIMITS.region),
  district: requiredText(ADDRESS_LIMITS.region),
  detail: requiredText(ADDRESS_LIMITS.detail),
});
export type Address = z.infer<typeof AddressSchema>;

/** An address id from a hidden form field or a query string. */
export const addressIdField = z.coerce.number().int().positive().max(2_147_483_647);

/** The form posts one schema for both: no id adds, an id edits that address. */
export const SaveAddressSchema = AddressSchema.extend({ id: addressIdField.nullish() });
export type SaveAddress = z.infer<typeof SaveAddressSchema>;

export const AddressIdSchema = z.object({ id: addressIdField });

/** ?edit=12 → 12; anything else → null. */
export function parseAddressId(value: string | null | undefined): number | null {
  const parsed = addressIdField.safeParse(value ?? undefined);
  return parsed.success && /^\d+$/.test(value ?? '') ? parsed.data : null;
}

/** One line as a courier label writes it: 浙江省 杭州市 西湖区 文三路 90 号. */
export function formatAddressLine(a: Pick<Address, 'province' | 'city' | 'district' | 'detail'>): string {
  return [a.province, a.city, a.district, a.detail].join(' ');
}

/** 13800138000 → 138****8000, as stores print it on lists. */
export function maskMobile(mobile: string): string {
  return /^\d{11}$/.test(mobile) ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : mobile;
}
