// Input schemas for sign-up, sign-in and passwords. Error messages are keys of
// the `errors` dictionary (src/lib/messages/errors.ts), rendered in the user's language.
import { z } from 'zod';
import { cleanText } from '../../lib/text.ts';
import { passwordProblem, MAX_PASSWORD_LENGTH } from './passwords.ts';
import { safeRedirectPath } from '../../lib/redirect.ts';

export const MOBILE_RE = /^1[3-9]\d{9}$/;

export const emailField = z
  .string({ error: 'email_invalid' })
  .transform((v) => cleanText(v).trim().toLowerCase())
  .pipe(z.email({ error: 'email_invalid' }).max(254, { error: 'email_invalid' }));

/** Mainland mobile number, optional: '' means none. Spaces and dashes are ignored. */
export const optionalMobileField = z
  .string({ error: 'mobile_invalid' })
  .nullish()
  .transform((v) => (v ?? '').replace(/[\s-]/g, ''))
  .refine((v) => v === '' || MOBILE_RE.test(v), { error: 'mobile_invalid' })
  .transform((v) => (v === '' ? null : v));

export const mobileField = z
  .string({ error: 'mobile_invalid' })
  .transform((v) => v.replace(/[\s-]/g, ''))
  .refine((v) => MOBILE_RE.test(v), { error: 'mobile_invalid' });

export const displayNameField = z
  .string({ error: 'name_required' })
  .transform((v) => cleanText(v).trim())
  .pipe(z.string().min(1, { error: 'name_required' }).max(40, { error: 'name_too_long' }));

export const newPasswordField = z.string({ error: 'password_too_short' }).max(MAX_PASSWORD_LENGTH, { error: 'password_too_long' });

function checkPassword(ctx: z.RefinementCtx, password: string, email?: string, path = 'password') {
  const problem = passwordProblem(password, email);
  if (problem) ctx.addIssue({ code: 'custom', path: [path], message: `password_${problem}` });
}

export const SignUpSchema = z
  .object({
    email: emailField,
    displayName: displayNameField,
    mobile: optionalMobileField,
    password: newPasswordField,
    next: z.string().max(500).nullish(),
  })
  .superRefine((v, ctx) => checkPassword(ctx, v.password, v.email));
export type SignUp = z.infer<typeof SignUpSchema>;

export const SignInSchema = z.object({
  email: z
    .string({ error: 'email_invalid' })
    .transform((v) => cleanText(v).trim().toLowerCase())
    .pipe(z.string().min(3, { error: 'email_invalid' }).max(254, { error: 'email_invalid' })),
  password: z.string({ error: 'password_required' }).min(1, { error: 'password_required' }).max(MAX_PASSWORD_LENGTH, { error: 'credentials_invalid' }),
  next: z.string().max(500).nullish(),
});
export type SignIn = z.infer<typeof SignInSchema>;

export const ChangePasswordSchema = z
  .object({ currentPassword: z.string().min(1, { error: 'password_required' }).max(MAX_PASSWORD_LENGTH), newPassword: newPasswordField })
  .superRefine((v, ctx) => checkPassword(ctx, v.newPassword, undefined, 'newPassword'));
export type ChangePassword = z.infer<typeof ChangePasswordSchema>;

export const RequestResetSchema = z.object({ email: emailField });

export const ResetPasswordSchema = z.object({ token: z.string().max(200), password: newPasswordField }).superRefine((v, ctx) => checkPassword(ctx, v.password));

/** Only same-site paths may be used as a post-sign-in destination (src/lib/redirect.ts). */
export function safeNext(next: string | null | undefined, fallback = '/account'): string {
  return safeRedirectPath(next, fallback);
}

/** The job that makes a reset link and its mail (src/workflows/jobs.ts runs it). */
export const PASSWORD_RESET_JOB = 'auth.password-reset';
export const PasswordResetJobSchema = z.object({ email: z.string().max(254), locale: z.enum(['zh', 'en']) }).strict();
export type PasswordResetJob = z.infer<typeof PasswordResetJobSchema>;

/** The job that mails a sign-up's confirmation link, or a note to the owner of a taken email. */
export const SIGN_UP_JOB = 'auth.sign-up';
export const SignUpJobSchema = z.object({ requestId: z.string().max(64) }).strict();
export type SignUpJob = z.infer<typeof SignUpJobSchema>;

export const ConfirmSignUpSchema = z.object({ token: z.string({ error: 'signup_link_invalid' }).max(200, { error: 'signup_link_invalid' }) });
