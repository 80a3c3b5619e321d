// The village's order desk and stock. Each handler first proves, at the edge,
// that the caller manages the village the order, claim or product belongs to
// (platform admins too), then makes one call with the Actor that proved it.
import { defineAction } from 'astro:actions';
import { requireClaimVillage, requireOrderVillage } from '../modules/orders/access.server.ts';
import { CancelOrderSchema, ConfirmPaymentSchema, DecideClaimSchema, OrderIdSchema, ShipOrderSchema, StockAdjustSchema } from '../modules/orders/orders.ts';
import { villageConfirmPayment, villageMarkDelivered, villageShip } from '../modules/orders/village.server.ts';
import { refuse } from '../lib/errors.ts';
import { adjustVariantStock, requireVariantManager } from '../modules/villages/stock.server.ts';
import { decideClaim } from '../workflows/after-sale.ts';
import { cancelOrder } from '../workflows/cancel-order.ts';
import { run } from './run.ts';

export const manage = {
  confirmPayment: defineAction({
    accept: 'form',
    input: ConfirmPaymentSchema,
    handler: (input, ctx) =>
      run(async () => villageConfirmPayment(ctx.locals.db, await requireOrderVillage(ctx.locals.db, ctx.locals.user, input.orderId), input.orderId, input.reference)),
  }),

  ship: defineAction({
    accept: 'form',
    input: ShipOrderSchema,
    handler: (input, ctx) =>
      run(async () => villageShip(ctx.locals.db, await requireOrderVillage(ctx.locals.db, ctx.locals.user, input.orderId), input.orderId, input.courier, input.trackingNo)),
  }),

  markDelivered: defineAction({
    accept: 'form',
    input: OrderIdSchema,
    handler: (input, ctx) => run(async () => villageMarkDelivered(ctx.locals.db, await requireOrderVillage(ctx.locals.db, ctx.locals.user, input.orderId), input.orderId)),
  }),

  cancel: defineAction({
    accept: 'form',
    input: CancelOrderSchema,
    handler: (input, ctx) =>
      run(async () => {
        const by = await requireOrderVillage(ctx.locals.db, ctx.locals.user, input.orderId);
        if (!input.reason) throw refuse.invalid('cancel_reason_required', 'reason');
        await cancelOrder(ctx.locals.db, by, input.orderId, input.reason);
        return { cancelled: true };
      }),
  }),

  decideClaim: defineAction({
    accept: 'form',
    input: DecideClaimSchema,
    handler: (input, ctx) =>
      run(async () =>
        decideClaim(
          ctx.locals.db,
          await requireClaimVillage(ctx.locals.db, ctx.locals.user, input.claimId),
          input.claimId,
          input.decision === 'approve' ? { approve: true, amountFen: input.amountFen, note: input.note } : { approve: false, note: input.note },
        ),
      ),
  }),

  adjustStock: defineAction({
    accept: 'form',
    input: StockAdjustSchema,
    handler: (input, ctx) =>
      run(async () => adjustVariantStock(ctx.locals.db, await requireVariantManager(ctx.locals.db, ctx.locals, input.variantId), input.variantId, input.delta, input.reason)),
  }),
};
