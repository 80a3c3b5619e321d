// The shelf run by the villages: a platform admin puts villages on the platform,
// pauses them and invites their managers; the invited person accepts.
import { defineAction } from 'astro:actions';
import { localeFromPath } from '../lib/i18n.ts';
import { requireAdminActor, requireUser } from '../modules/auth/guards.server.ts';
import { acceptManagerInvite, inviteManager, revokeManagerInvite } from '../modules/villages/manager-invites.server.ts';
import { createVillage, setVillagePaused, updateVillage } from '../modules/villages/onboard.server.ts';
import {
  AcceptManagerInviteSchema,
  InviteManagerSchema,
  PauseVillageSchema,
  RevokeManagerInviteSchema,
  UpdateVillageSchema,
  VillageSchema,
} from '../modules/villages/villages.ts';
import { run } from './run.ts';

export const shelf = {
  createVillage: defineAction({
    accept: 'form',
    input: VillageSchema,
    handler: (input, ctx) => run(async () => createVillage(ctx.locals.db, requireAdminActor(ctx.locals), input)),
  }),

  updateVillage: defineAction({
    accept: 'form',
    input: UpdateVillageSchema,
    handler: (input, ctx) => run(async () => updateVillage(ctx.locals.db, requireAdminActor(ctx.locals), input)),
  }),

  pauseVillage: defineAction({
    accept: 'form',
    input: PauseVillageSchema,
    handler: (input, ctx) => run(async () => setVillagePaused(ctx.locals.db, requireAdminActor(ctx.locals), input)),
  }),

  inviteManager: defineAction({
    accept: 'form',
    input: InviteManagerSchema,
    handler: (input, ctx) => run(async () => inviteManager(ctx.locals.db, requireAdminActor(ctx.locals), input, localeFromPath(ctx.url.pathname))),
  }),

  revokeManagerInvite: defineAction({
    accept: 'form',
    input: RevokeManagerInviteSchema,
    handler: (input, ctx) => run(async () => revokeManagerInvite(ctx.locals.db, requireAdminActor(ctx.locals), input)),
  }),

  acceptManagerInvite: defineAction({
    accept: 'form',
    input: AcceptManagerInviteSchema,
    handler: (input, ctx) => run(async () => acceptManagerInvite(ctx.locals.db, requireUser(ctx.locals).user, input.code)),
  }),
};
