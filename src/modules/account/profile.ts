// The profile form's input: the same rules as at sign-up.
import { z } from 'zod';
import { displayNameField, optionalMobileField } from '../auth/auth.ts';

export const ProfileSchema = z.object({ displayName: displayNameField, mobile: optionalMobileField });
export type Profile = z.infer<typeof ProfileSchema>;
