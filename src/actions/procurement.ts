// Bulk procurement: the unit's requests, decisions and acceptance; the village's
// quotes, shipments and invoices; payments by either side. Acceptance, which
// the ledger counts, is a workflow (workflows/accept-delivery.ts). Each handler first
// proves, at the edge, the caller's part in the request, contract or delivery
// (401 signed out, 404 none), then makes one call with the party it proved; the
// call checks the side its rule needs (403) and the state (409).
import { defineAction } from 'astro:actions';
import { requireContractParty, requireDeliveryParty, requireRequestParty, requireUnitBuyer } from '../modules/procurement/access.server.ts';
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
import { acceptDelivery } from '../workflows/accept-delivery.ts';
import { run } from './run.ts';

export const procurement = {
  requestQuote: defineAction({
    accept: 'form',
    input: QuoteRequestSchema,
    handler: (input, ctx) => run(async () => createQuoteRequest(ctx.locals.db, await requireUnitBuyer(ctx.locals.db, ctx.locals, input.unitId), input)),
  }),
  withdraw: defineAction({
    accept: 'form',
    input: RequestIdSchema,
    handler: (input, ctx) => run(async () => withdrawRequest(ctx.locals.db, await requireRequestParty(ctx.locals.db, ctx.locals, input.requestId))),
  }),
  sendQuote: defineAction({
    accept: 'form',
    input: QuoteSchema,
    handler: (input, ctx) => run(async () => sendQuote(ctx.locals.db, await requireRequestParty(ctx.locals.db, ctx.locals, input.requestId), input)),
  }),
  decide: defineAction({
    accept: 'form',
    input: DecideQuoteSchema,
    handler: (input, ctx) => run(async () => decideQuote(ctx.locals.db, await requireRequestParty(ctx.locals.db, ctx.locals, input.requestId), input)),
  }),
  approve: defineAction({
    accept: 'form',
    input: ApproveQuoteSchema,
    handler: (input, ctx) => run(async () => approveQuote(ctx.locals.db, await requireRequestParty(ctx.locals.db, ctx.locals, input.requestId), input)),
  }),
  ship: defineAction({
    accept: 'form',
    input: ShipDeliverySchema,
    handler: (input, ctx) => run(async () => shipDelivery(ctx.locals.db, await requireDeliveryParty(ctx.locals.db, ctx.locals, input.deliveryId), input)),
  }),
  reschedule: defineAction({
    accept: 'form',
    input: RescheduleSchema,
    handler: (input, ctx) => run(async () => rescheduleDelivery(ctx.locals.db, await requireDeliveryParty(ctx.locals.db, ctx.locals, input.deliveryId), input)),
  }),
  accept: defineAction({
    accept: 'form',
    input: AcceptDeliverySchema,
    handler: (input, ctx) => run(async () => acceptDelivery(ctx.locals.db, await requireDeliveryParty(ctx.locals.db, ctx.locals, input.deliveryId), input)),
  }),
  cancelContract: defineAction({
    accept: 'form',
    input: CancelContractSchema,
    handler: (input, ctx) => run(async () => cancelContract(ctx.locals.db, await requireContractParty(ctx.locals.db, ctx.locals, input.contractId), input.reason)),
  }),
  invoice: defineAction({
    accept: 'form',
    input: InvoiceSchema,
    handler: (input, ctx) => run(async () => recordInvoice(ctx.locals.db, await requireDeliveryParty(ctx.locals.db, ctx.locals, input.deliveryId), input)),
  }),
  payment: defineAction({
    accept: 'form',
    input: PaymentSchema,
    handler: (input, ctx) => run(async () => recordPayment(ctx.locals.db, await requireContractParty(ctx.locals.db, ctx.locals, input.contractId), input)),
  }),
  // The threshold is the unit's (units/threshold.server.ts); its form sits on the procurement desk.
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
