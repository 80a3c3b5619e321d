// Report inputs: a unit's annual targets and API tokens (its admins), 帮助销售
// records (the village's managers, or a unit's admins and buyers) and 公示 (the
// village's managers). Each handler checks who at the edge, then makes one call.
import { defineAction } from 'astro:actions';
import { OfflineSaleSchema, ReverseOfflineSaleSchema } from '../modules/reports/offline-sales.ts';
import { recordOfflineSale, requireOfflineRecorder, reverseOfflineSale } from '../modules/reports/offline-sales.server.ts';
import { ApiTokenSchema, NoticeSchema, RemoveTargetSchema, RevokeApiTokenSchema, TargetSchema } from '../modules/reports/targets.ts';
import { createApiToken, revokeApiToken } from '../modules/reports/api-tokens.server.ts';
import { publishNotice } from '../modules/reports/notices.server.ts';
import { addTarget, removeTarget } from '../modules/reports/targets.server.ts';
import { requireUnitRole } from '../modules/units/access.server.ts';
import { requireVillageManager } from '../modules/villages/access.server.ts';
import { run } from './run.ts';

export const reports = {
  addTarget: defineAction({
    accept: 'form',
    input: TargetSchema,
    handler: (input, ctx) =>
      run(async () => {
        const { user } = await requireUnitRole(ctx.locals.db, ctx.locals, input.unitId, ['admin']);
        return addTarget(ctx.locals.db, user, input);
      }),
  }),

  removeTarget: defineAction({
    accept: 'form',
    input: RemoveTargetSchema,
    handler: (input, ctx) =>
      run(async () => {
        await requireUnitRole(ctx.locals.db, ctx.locals, input.unitId, ['admin']);
        return removeTarget(ctx.locals.db, input.unitId, input.targetId);
      }),
  }),

  recordOfflineSale: defineAction({
    accept: 'form',
    input: OfflineSaleSchema,
    handler: (input, ctx) => run(async () => recordOfflineSale(ctx.locals.db, await requireOfflineRecorder(ctx.locals.db, ctx.locals, input), input)),
  }),

  reverseOfflineSale: defineAction({
    accept: 'form',
    input: ReverseOfflineSaleSchema,
    handler: (input, ctx) =>
      run(async () => {
        const scope = { villageId: input.villageId, unitId: input.unitId };
        return reverseOfflineSale(ctx.locals.db, await requireOfflineRecorder(ctx.locals.db, ctx.locals, scope), scope, input.saleId, input.reason);
      }),
  }),

  createApiToken: defineAction({
    accept: 'form',
    input: ApiTokenSchema,
    handler: (input, ctx) =>
      run(async () => {
        const { user } = await requireUnitRole(ctx.locals.db, ctx.locals, input.unitId, ['admin']);
        return createApiToken(ctx.locals.db, user, input.unitId, input.name);
      }),
  }),

  revokeApiToken: defineAction({
    accept: 'form',
    input: RevokeApiTokenSchema,
    handler: (input, ctx) =>
      run(async () => {
        await requireUnitRole(ctx.locals.db, ctx.locals, input.unitId, ['admin']);
        return revokeApiToken(ctx.locals.db, input.unitId, input.tokenId);
      }),
  }),

  publishNotice: defineAction({
    accept: 'form',
    input: NoticeSchema,
    handler: (input, ctx) =>
      run(async () =>
        publishNotice(ctx.locals.db, await requireVillageManager(ctx.locals.db, ctx.locals, input.villageId), input.villageId, input.period, input.publish === 'yes'),
      ),
  }),
};
