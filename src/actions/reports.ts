// Report settings: a unit's annual targets, set by the unit's admins.
import { defineAction } from 'astro:actions';
import { getDb } from '../../db/client.ts';
import { RemoveTargetSchema, TargetSchema } from '../modules/reports/targets.ts';
import { addTarget, removeTarget } from '../modules/reports/targets.server.ts';
import { run } from './run.ts';

export const reports = {
  addTarget: defineAction({
    accept: 'form',
    input: TargetSchema,
    handler: (input, ctx) => run(async () => addTarget(await getDb(), ctx.locals, input)),
  }),

  removeTarget: defineAction({
    accept: 'form',
    input: RemoveTargetSchema,
    handler: (input, ctx) => run(async () => removeTarget(await getDb(), ctx.locals, input.unitId, input.targetId)),
  }),
};
