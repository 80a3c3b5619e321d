// Bulk procurement: the unit's requests, decisions and acceptance; the village's
// quotes, shipments and invoices; payments by either side. Access is checked
// inside each domain call.
import { defineAction } from 'astro:actions';
import { getDb } from '../../db/client.ts';
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
import { createQuoteRequest, setApprovalThreshold, withdrawRequest } from '../modules/procurement/request.server.ts';
import { sendQuote } from '../modules/procurement/send-quote.server.ts';
import { run } from './run.ts';

export const procurement = {
  requestQuote: defineAction({ accept: 'form', input: QuoteRequestSchema, handler: (input, ctx) => run(async () => createQuoteRequest(await getDb(), ctx.locals, input)) }),
  withdraw: defineAction({ accept: 'form', input: RequestIdSchema, handler: (input, ctx) => run(async () => withdrawRequest(await getDb(), ctx.locals, input.requestId)) }),
  sendQuote: defineAction({ accept: 'form', input: QuoteSchema, handler: (input, ctx) => run(async () => sendQuote(await getDb(), ctx.locals, input)) }),
  decide: defineAction({ accept: 'form', input: DecideQuoteSchema, handler: (input, ctx) => run(async () => decideQuote(await getDb(), ctx.locals, input)) }),
  approve: defineAction({ accept: 'form', input: ApproveQuoteSchema, handler: (input, ctx) => run(async () => approveQuote(await getDb(), ctx.locals, input)) }),
  ship: defineAction({ accept: 'form', input: ShipDeliverySchema, handler: (input, ctx) => run(async () => shipDelivery(await getDb(), ctx.locals, input)) }),
  reschedule: defineAction({ accept: 'form', input: RescheduleSchema, handler: (input, ctx) => run(async () => rescheduleDelivery(await getDb(), ctx.locals, input)) }),
  accept: defineAction({ accept: 'form', input: AcceptDeliverySchema, handler: (input, ctx) => run(async () => acceptDelivery(await getDb(), ctx.locals, input)) }),
  cancelContract: defineAction({ accept: 'form', input: CancelContractSchema, handler: (input, ctx) => run(async () => cancelContract(await getDb(), ctx.locals, input.contractId, input.reason)) }),
  invoice: defineAction({ accept: 'form', input: InvoiceSchema, handler: (input, ctx) => run(async () => recordInvoice(await getDb(), ctx.locals, input)) }),
  payment: defineAction({ accept: 'form', input: PaymentSchema, handler: (input, ctx) => run(async () => recordPayment(await getDb(), ctx.locals, input)) }),
  setThreshold: defineAction({ accept: 'form', input: ThresholdSchema, handler: (input, ctx) => run(async () => setApprovalThreshold(await getDb(), ctx.locals, input.unitId, input.threshold)) }),
};
