// 团购接龙: a unit's buyers open one, its members sign up through the link, the
// buyers close it (or the sweep does at closing time), and pay-each shares are
// paid by each person online (Stripe) or marked paid by the village. Each handler
// first proves, at the edge, who the caller is to the unit or the group order
// (401 signed out, 404 no such group order, 403 no part in it), then makes one
// call with what it proved; the call checks the role its rule needs.
import { defineAction } from 'astro:actions';
import { localeFromPath, localePath } from '../lib/i18n.ts';
import { requireGroupOrderViewer, requireGroupOrderViewerById, requireUnitBuyer } from '../modules/procurement/access.server.ts';
import { closeGroupOrderByHand } from '../modules/procurement/close-group-order.server.ts';
import { GroupTokenSchema, MarkSharePaidSchema, OpenGroupOrderSchema, SignUpSchema } from '../modules/procurement/group-orders.ts';
import { openGroupOrder } from '../modules/procurement/group-orders.server.ts';
import { markSharePaid } from '../modules/procurement/mark-share-paid.server.ts';
import { startSharePayment } from '../modules/procurement/pay-share-online.server.ts';
import { signUpForGroupOrder } from '../modules/procurement/sign-up-group-order.server.ts';
import { run } from './run.ts';

// The file is named like the area: the action fuzzer derives action names from file names.
export const group = {
  open: defineAction({
    accept: 'form',
    input: OpenGroupOrderSchema,
    handler: (input, ctx) => run(async () => openGroupOrder(ctx.locals.db, await requireUnitBuyer(ctx.locals.db, ctx.locals, input.unitId), input)),
  }),
  signUp: defineAction({
    accept: 'form',
    input: SignUpSchema,
    handler: (input, ctx) => run(async () => signUpForGroupOrder(ctx.locals.db, await requireGroupOrderViewer(ctx.locals.db, ctx.locals, input.token), input)),
  }),
  close: defineAction({
    accept: 'form',
    input: GroupTokenSchema,
    handler: (input, ctx) => run(async () => closeGroupOrderByHand(ctx.locals.db, await requireGroupOrderViewer(ctx.locals.db, ctx.locals, input.token))),
  }),
  payShare: defineAction({
    accept: 'form',
    input: GroupTokenSchema,
    handler: (input, ctx) =>
      run(async () => {
        const viewing = await requireGroupOrderViewer(ctx.locals.db, ctx.locals, input.token);
        const locale = localeFromPath(ctx.url.pathname);
        const page = new URL(localePath(locale, `/group/${input.token}`), ctx.url);
        const successUrl = `${page}?share_session={CHECKOUT_SESSION_ID}`;
        return { payUrl: await startSharePayment(ctx.locals.db, viewing, { successUrl, cancelUrl: page.toString() }, locale) };
      }),
  }),
  markPaid: defineAction({
    accept: 'form',
    input: MarkSharePaidSchema,
    handler: (input, ctx) => run(async () => markSharePaid(ctx.locals.db, await requireGroupOrderViewerById(ctx.locals.db, ctx.locals, input.groupOrderId), input)),
  }),
};
