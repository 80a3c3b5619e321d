// The village's order desk and stock. Every handler checks, through the domain
// call, that the caller manages the village the order or product belongs to.
import { defineAction } from 'astro:actions';
import { getDb } from '../../db/client.ts';
import { CancelOrderSchema, ConfirmPaymentSchema, DecideClaimSchema, OrderIdSchema, ShipOrderSchema, StockAdjustSchema } from '../modules/orders/orders.ts';
import { villageCancel, villageConfirmPayment, villageDecideClaim, villageMarkDelivered, villageShip } from '../modules/orders/village.server.ts';
import { adjustStock } from '../modules/villages/stock.server.ts';
import { run } from './run.ts';

export const manage = {
  confirmPayment: defineAction({
    accept: 'form',
    input: ConfirmPaymentSchema,
    handler: (input, ctx) => run(async () => villageConfirmPayment(await getDb(), ctx.locals.user, input.orderId, input.reference)),
  }),

  ship: defineAction({
    accept: 'form',
    input: ShipOrderSchema,
    handler: (input, ctx) => run(async () => villageShip(await getDb(), ctx.locals.user, input.orderId, input.courier, input.trackingNo)),
  }),

  markDelivered: defineAction({
    accept: 'form',
    input: OrderIdSchema,
    handler: (input, ctx) => run(async () => villageMarkDelivered(await getDb(), ctx.locals.user, input.orderId)),
  }),

  cancel: defineAction({
    accept: 'form',
    input: CancelOrderSchema,
    handler: (input, ctx) => run(async () => villageCancel(await getDb(), ctx.locals.user, input.orderId, input.reason)),
  }),

  decideClaim: defineAction({
    accept: 'form',
    input: DecideClaimSchema,
    handler: (input, ctx) =>
      run(async () =>
        villageDecideClaim(
          await getDb(),
          ctx.locals.user,
          input.claimId,
          input.decision === 'approve' ? { approve: true, amountFen: input.amountFen, note: input.note } : { approve: false, note: input.note },
        ),
      ),
  }),

  adjustStock: defineAction({
    accept: 'form',
    input: StockAdjustSchema,
    handler: (input, ctx) => run(async () => adjustStock(await getDb(), ctx.locals, input.variantId, input.delta, input.reason)),
  }),
};
