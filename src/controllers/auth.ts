// Sign-in, sign-up and password-reset pages.
import { actions } from 'astro:actions';
import { getDb } from '../../db/client.ts';
import { safeNext } from '../modules/auth/auth.ts';
import { resetTokenIsValid } from '../modules/auth/password-reset.server.ts';
import { formState, type FormState } from '../lib/form-state.ts';
import { localePath, messages, type Locale } from '../lib/i18n.ts';
import { redirectTo, render, type PageContext, type PageResult } from './types.ts';

export function signInPage(Astro: PageContext, locale: Locale): PageResult<{ locale: Locale; state: FormState; next: string | null; notice: string | null }> {
  const t = messages(locale);
  const result = Astro.getActionResult(actions.auth.signIn);
  if (result?.data) return redirectTo(result.data.next);
  const signedOut = Astro.getActionResult(actions.auth.signOut)?.data;
  const reset = Astro.url.searchParams.get('reset') === '1';
  // After a refused attempt the form posted to ?_action=…, so `next` comes back from the form.
  const next = Astro.url.searchParams.get('next') ?? Astro.locals.formValues.next ?? null;
  if (Astro.locals.user && !signedOut) return redirectTo(safeNext(next, localePath(locale, '/account')));
  return render({
    locale,
    state: formState(result),
    next: next ? safeNext(next) : null,
    notice: signedOut ? t.auth.signedOut : reset ? t.auth.resetDone : null,
  });
}

export function signUpPage(Astro: PageContext, locale: Locale): PageResult<{ locale: Locale; state: FormState; next: string | null }> {
  const result = Astro.getActionResult(actions.auth.signUp);
  if (result?.data) return redirectTo(result.data.next);
  // After a refused attempt the form posted to ?_action=…, so `next` comes back from the form.
  const next = Astro.url.searchParams.get('next') ?? Astro.locals.formValues.next ?? null;
  if (Astro.locals.user) return redirectTo(safeNext(next, localePath(locale, '/account')));
  return render({ locale, state: formState(result), next: next ? safeNext(next) : null });
}

export function forgotPasswordPage(Astro: PageContext, locale: Locale) {
  const result = Astro.getActionResult(actions.auth.requestPasswordReset);
  return render({ locale, state: formState(result), sent: Boolean(result?.data) });
}

export async function resetPasswordPage(Astro: PageContext, locale: Locale): Promise<PageResult<{ locale: Locale; state: FormState; token: string; valid: boolean }>> {
  const result = Astro.getActionResult(actions.auth.resetPassword);
  if (result?.data) return redirectTo(`${localePath(locale, '/signin')}?reset=1`);
  const token = Astro.url.searchParams.get('token') ?? '';
  return render({ locale, state: formState(result), token, valid: await resetTokenIsValid(await getDb(), token) });
}
