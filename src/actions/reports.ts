// Report inputs: a unit's annual targets (its admins) and 帮助销售 records
// (the village's managers), each checked by its guard inside the domain call.
import { defineAction } from 'astro:actions';
import { OfflineSaleSchema, ReverseOfflineSaleSchema } from '../modules/reports/offline-sales.ts';
import { recordOfflineSale, reverseOfflineSale } from '../modules/reports/offline-sales.server.ts';
import { ApiTokenSchema, RemoveTargetSchema, RevokeApiTokenSchema, TargetSchema } from '../modules/reports/targets.ts';
import { createApiToken, revokeApiToken } from '../modules/reports/api-tokens.server.ts';
import { publishNotice } from '../modules/reports/notices.server.ts';
import { NoticeSchema } from '../modules/reports/targets.ts';
import { addTarget, removeTarget } from '../modules/reports/targets.server.ts';
import { run } from './run.ts';

export const reports = {
  addTarget: defineAction({
    accept: 'form',
    input: TargetSchema,
    handler: (input, ctx) => run(async () => addTarget(ctx.locals.db, ctx.locals, input)),
  }),

  removeTarget: defineAction({
    accept: 'form',
    input: RemoveTargetSchema,
    handler: (input, ctx) => run(async () => removeTarget(ctx.locals.db, ctx.locals, input.unitId, input.targetId)),
  }),

  recordOfflineSale: defineAction({
    accept: 'form',
    input: OfflineSaleSchema,
    handler: (input, ctx) => run(async () => recordOfflineSale(ctx.locals.db, ctx.locals, input)),
  }),

  reverseOfflineSale: defineAction({
    accept: 'form',
    input: ReverseOfflineSaleSchema,
    handler: (input, ctx) => run(async () => reverseOfflineSale(ctx.locals.db, ctx.locals, { villageId: input.villageId, unitId: input.unitId }, input.saleId, input.reason)),
  }),

  createApiToken: defineAction({
    accept: 'form',
    input: ApiTokenSchema,
    handler: (input, ctx) => run(async () => createApiToken(ctx.locals.db, ctx.locals, input.unitId, input.name)),
  }),

  revokeApiToken: defineAction({
    accept: 'form',
    input: RevokeApiTokenSchema,
    handler: (input, ctx) => run(async () => revokeApiToken(ctx.locals.db, ctx.locals, input.unitId, input.tokenId)),
  }),

  publishNotice: defineAction({
    accept: 'form',
    input: NoticeSchema,
    handler: (input, ctx) => run(async () => publishNotice(ctx.locals.db, ctx.locals, input.villageId, input.period, input.publish === 'yes')),
  }),
};
