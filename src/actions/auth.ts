// Sign-up, sign-in, sign-out and password reset, as Astro Actions (forms work without JS).
import { defineAction } from 'astro:actions';
import { ChangePasswordSchema, ConfirmSignUpSchema, RequestResetSchema, ResetPasswordSchema, safeNext, SignInSchema, SignUpSchema } from '../modules/auth/auth.ts';
import { changePassword, signIn } from '../modules/auth/accounts.server.ts';
import { askToSignUp, confirmSignUp } from '../modules/auth/sign-up.server.ts';
import { requireUser } from '../modules/auth/guards.server.ts';
import { askForPasswordReset, resetPassword } from '../modules/auth/password-reset.server.ts';
import { invalidateSession } from '../modules/auth/sessions.server.ts';
import { localeFromPath, localePath } from '../lib/i18n.ts';
import { requestMeta } from '../lib/request.ts';
import { clearSessionCookie, setSessionCookie } from '../lib/session-cookie.ts';
import { mergeGuestCart } from '../modules/cart/cart.server.ts';
import { clearGuestCartCookie, guestCartId } from '../lib/cart-cookie.ts';
import { run } from './run.ts';

/** A guest cart joins the account's cart at sign-in / sign-up. */
async function adoptGuestCart(ctx: { locals: App.Locals; cookies: Parameters<typeof guestCartId>[0] }, userId: number) {
  const guest = guestCartId(ctx.cookies);
  if (!guest) return;
  await mergeGuestCart(ctx.locals.db, guest, userId);
  clearGuestCartCookie(ctx.cookies);
}

export const auth = {
  signUp: defineAction({
    accept: 'form',
    input: SignUpSchema,
    handler: (input, ctx) =>
      run(async () => {
        const locale = localeFromPath(ctx.url.pathname);
        const next = safeNext(input.next, localePath(locale, '/account'));
        await askToSignUp(ctx.locals.db, { ...input, next }, locale, requestMeta(ctx));
        return { sent: true };
      }),
  }),

  confirmSignUp: defineAction({
    accept: 'form',
    input: ConfirmSignUpSchema,
    handler: (input, ctx) =>
      run(async () => {
        const r = await confirmSignUp(ctx.locals.db, input.token, requestMeta(ctx));
        setSessionCookie(ctx.cookies, r.token, r.session.expiresAt);
        await adoptGuestCart(ctx, r.userId);
        return { next: safeNext(r.next, localePath(localeFromPath(ctx.url.pathname), '/account')) };
      }),
  }),

  signIn: defineAction({
    accept: 'form',
    input: SignInSchema,
    handler: (input, ctx) =>
      run(async () => {
        const r = await signIn(ctx.locals.db, input, requestMeta(ctx));
        setSessionCookie(ctx.cookies, r.token, r.session.expiresAt);
        await adoptGuestCart(ctx, r.userId);
        return { next: safeNext(input.next, localePath(localeFromPath(ctx.url.pathname), '/account')) };
      }),
  }),

  signOut: defineAction({
    accept: 'form',
    handler: (_input, ctx) =>
      run(async () => {
        if (ctx.locals.session) await invalidateSession(ctx.locals.db, ctx.locals.session.id);
        clearSessionCookie(ctx.cookies);
        ctx.locals.user = null;
        ctx.locals.session = null;
        return { signedOut: true };
      }),
  }),

  changePassword: defineAction({
    accept: 'form',
    input: ChangePasswordSchema,
    handler: (input, ctx) =>
      run(async () => {
        const { user, session } = requireUser(ctx.locals);
        const ended = await changePassword(ctx.locals.db, user.id, session.id, input);
        return { otherSessionsEnded: ended };
      }),
  }),

  requestPasswordReset: defineAction({
    accept: 'form',
    input: RequestResetSchema,
    handler: (input, ctx) =>
      run(async () => {
        await askForPasswordReset(ctx.locals.db, input.email, localeFromPath(ctx.url.pathname), requestMeta(ctx).ip);
        return { sent: true };
      }),
  }),

  resetPassword: defineAction({
    accept: 'form',
    input: ResetPasswordSchema,
    handler: (input, ctx) =>
      run(async () => {
        await resetPassword(ctx.locals.db, input.token, input.password);
        return { reset: true };
      }),
  }),
};
