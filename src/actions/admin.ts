// Platform-admin actions: accounts, unit review and pairing, village managers, failed jobs.
// Every handler starts with requireAdmin; the domain functions check the actor again.
import { defineAction } from 'astro:actions';
import {
  AppointManagerSchema,
  RejectUnitSchema,
  RemoveManagerSchema,
  RetryJobSchema,
  SetUnitVillagesSchema,
  SetUserDisabledSchema,
  SetUserRoleSchema,
  VerifyUnitSchema,
} from '../modules/admin/admin.ts';
import { retryFailedJob } from '../modules/admin/jobs.server.ts';
import { setUnitVillages } from '../modules/admin/units.server.ts';
import { setUserDisabled, setUserRole } from '../modules/admin/users.server.ts';
import { appointManager, removeManager } from '../modules/admin/villages.server.ts';
import { requireAdminActor } from '../modules/auth/guards.server.ts';
import { rejectUnit, verifyUnit } from '../modules/units/review-unit.server.ts';
import { run } from './run.ts';

export const admin = {
  setUserRole: defineAction({
    accept: 'form',
    input: SetUserRoleSchema,
    handler: (input, ctx) =>
      run(async () => {
        const me = requireAdminActor(ctx.locals);
        return setUserRole(ctx.locals.db, me, input);
      }),
  }),

  setUserDisabled: defineAction({
    accept: 'form',
    input: SetUserDisabledSchema,
    handler: (input, ctx) =>
      run(async () => {
        const me = requireAdminActor(ctx.locals);
        return setUserDisabled(ctx.locals.db, me, input);
      }),
  }),

  verifyUnit: defineAction({
    accept: 'form',
    input: VerifyUnitSchema,
    handler: (input, ctx) =>
      run(async () => {
        const me = requireAdminActor(ctx.locals);
        return verifyUnit(ctx.locals.db, me, input);
      }),
  }),

  rejectUnit: defineAction({
    accept: 'form',
    input: RejectUnitSchema,
    handler: (input, ctx) =>
      run(async () => {
        const me = requireAdminActor(ctx.locals);
        return rejectUnit(ctx.locals.db, me, input);
      }),
  }),

  setUnitVillages: defineAction({
    accept: 'form',
    input: SetUnitVillagesSchema,
    handler: (input, ctx) =>
      run(async () => {
        const me = requireAdminActor(ctx.locals);
        return setUnitVillages(ctx.locals.db, me, input);
      }),
  }),

  appointManager: defineAction({
    accept: 'form',
    input: AppointManagerSchema,
    handler: (input, ctx) =>
      run(async () => {
        const me = requireAdminActor(ctx.locals);
        return appointManager(ctx.locals.db, me, input);
      }),
  }),

  removeManager: defineAction({
    accept: 'form',
    input: RemoveManagerSchema,
    handler: (input, ctx) =>
      run(async () => {
        const me = requireAdminActor(ctx.locals);
        return removeManager(ctx.locals.db, me, input);
      }),
  }),

  retryJob: defineAction({
    accept: 'form',
    input: RetryJobSchema,
    handler: (input, ctx) =>
      run(async () => {
        const me = requireAdminActor(ctx.locals);
        return retryFailedJob(ctx.locals.db, me, input.jobId);
      }),
  }),
};
