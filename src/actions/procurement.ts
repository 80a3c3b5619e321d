// Bulk procurement: the unit's requests, decisions and acceptance; the village's
// quotes, shipments and invoices; payments by either side. Access is checked
// inside each domain call.
import { defineAction } from 'astro:actions';
import { acceptDelivery } from '../modules/procurement/accept-delivery.server.ts';
import { recordInvoice, recordPayment } from '../modules/procurement/billing.server.ts';
import { cancelContract } from '../modules/procurement/contract.server.ts';
import { approveQuote, decideQuote } from '../modules/procurement/decide-quote.server.ts';
import { rescheduleDelivery, shipDelivery } from '../modules/procurement/deliveries.server.ts';
import {
  AcceptDeliverySchema,
  ApproveQuoteSchema,
  CancelContractSchema,
  DecideQuoteSchema,
  InvoiceSchema,
  PaymentSchema,
  QuoteRequestSchema,
  QuoteSchema,
  RequestIdSchema,
  RescheduleSchema,
  ShipDeliverySchema,
  ThresholdSchema,
} from '../modules/procurement/procurement.ts';
import { createQuoteRequest, withdrawRequest } from '../modules/procurement/request.server.ts';
import { sendQuote } from '../modules/procurement/send-quote.server.ts';
import { requireUnitRole } from '../modules/units/access.server.ts';
import { setApprovalThreshold } from '../modules/units/threshold.server.ts';
import { run } from './run.ts';

export const procurement = {
  requestQuote: defineAction({ accept: 'form', input: QuoteRequestSchema, handler: (input, ctx) => run(async () => createQuoteRequest(ctx.locals.db, ctx.locals, input)) }),
  withdraw: defineAction({ accept: 'form', input: RequestIdSchema, handler: (input, ctx) => run(async () => withdrawRequest(ctx.locals.db, ctx.locals, input.requestId)) }),
  sendQuote: defineAction({ accept: 'form', input: QuoteSchema, handler: (input, ctx) => run(async () => sendQuote(ctx.locals.db, ctx.locals, input)) }),
  decide: defineAction({ accept: 'form', input: DecideQuoteSchema, handler: (input, ctx) => run(async () => decideQuote(ctx.locals.db, ctx.locals, input)) }),
  approve: defineAction({ accept: 'form', input: ApproveQuoteSchema, handler: (input, ctx) => run(async () => approveQuote(ctx.locals.db, ctx.locals, input)) }),
  ship: defineAction({ accept: 'form', input: ShipDeliverySchema, handler: (input, ctx) => run(async () => shipDelivery(ctx.locals.db, ctx.locals, input)) }),
  reschedule: defineAction({ accept: 'form', input: RescheduleSchema, handler: (input, ctx) => run(async () => rescheduleDelivery(ctx.locals.db, ctx.locals, input)) }),
  accept: defineAction({ accept: 'form', input: AcceptDeliverySchema, handler: (input, ctx) => run(async () => acceptDelivery(ctx.locals.db, ctx.locals, input)) }),
  cancelContract: defineAction({ accept: 'form', input: CancelContractSchema, handler: (input, ctx) => run(async () => cancelContract(ctx.locals.db, ctx.locals, input.contractId, input.reason)) }),
  invoice: defineAction({ accept: 'form', input: InvoiceSchema, handler: (input, ctx) => run(async () => recordInvoice(ctx.locals.db, ctx.locals, input)) }),
  payment: defineAction({ accept: 'form', input: PaymentSchema, handler: (input, ctx) => run(async () => recordPayment(ctx.locals.db, ctx.locals, input)) }),
  setThreshold: defineAction({
    accept: 'form',
    input: ThresholdSchema,
    handler: (input, ctx) =>
      run(async () => {
        await requireUnitRole(ctx.locals.db, ctx.locals, input.unitId, ['admin']);
        return setApprovalThreshold(ctx.locals.db, input.unitId, input.threshold);
      }),
  }),
};
