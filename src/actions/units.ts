// Helping units: registration, invitations, membership. Unit-scoped actions
// check requireUnitRole(…, ['admin']) for the unit named in the input.
import { defineAction } from 'astro:actions';
import { requireUser } from '../modules/auth/guards.server.ts';
import { acceptInvite, createInvite, removeMember, revokeInvite, setMemberRole } from '../modules/units/invites.server.ts';
import { registerUnit } from '../modules/units/register-unit.server.ts';
import { AcceptInviteSchema, CreateInviteSchema, RegisterUnitSchema, RemoveMemberSchema, RevokeInviteSchema, SetMemberRoleSchema } from '../modules/units/units.ts';
import { env } from '../lib/env.ts';
import { localeFromPath, localePath } from '../lib/i18n.ts';
import { run } from './run.ts';
import { requireUnitRole } from '../modules/units/access.server.ts';

export const units = {
  register: defineAction({
    accept: 'form',
    input: RegisterUnitSchema,
    handler: (input, ctx) =>
      run(async () => {
        const { user } = requireUser(ctx.locals);
        return registerUnit(ctx.locals.db, user.id, input);
      }),
  }),

  createInvite: defineAction({
    accept: 'form',
    input: CreateInviteSchema,
    handler: (input, ctx) =>
      run(async () => {
        const db = ctx.locals.db;
        const { user } = await requireUnitRole(db, ctx.locals, input.unitId, ['admin']);
        const invite = await createInvite(db, user.id, input.unitId, input.role, input.days, input.uses);
        const joinPath = localePath(localeFromPath(ctx.url.pathname), '/join');
        return { link: `${env.SITE_URL.replace(/\/$/, '')}${joinPath}?code=${encodeURIComponent(invite.code)}` };
      }),
  }),

  revokeInvite: defineAction({
    accept: 'form',
    input: RevokeInviteSchema,
    handler: (input, ctx) =>
      run(async () => {
        const db = ctx.locals.db;
        await requireUnitRole(db, ctx.locals, input.unitId, ['admin']);
        await revokeInvite(db, input.unitId, input.inviteId);
        return { revoked: true };
      }),
  }),

  setMemberRole: defineAction({
    accept: 'form',
    input: SetMemberRoleSchema,
    handler: (input, ctx) =>
      run(async () => {
        const db = ctx.locals.db;
        await requireUnitRole(db, ctx.locals, input.unitId, ['admin']);
        await setMemberRole(db, input.unitId, input.userId, input.role);
        return { saved: true };
      }),
  }),

  removeMember: defineAction({
    accept: 'form',
    input: RemoveMemberSchema,
    handler: (input, ctx) =>
      run(async () => {
        const db = ctx.locals.db;
        await requireUnitRole(db, ctx.locals, input.unitId, ['admin']);
        await removeMember(db, input.unitId, input.userId);
        return { removed: true };
      }),
  }),

  acceptInvite: defineAction({
    accept: 'form',
    input: AcceptInviteSchema,
    handler: (input, ctx) =>
      run(async () => {
        const { user } = requireUser(ctx.locals);
        return acceptInvite(ctx.locals.db, user.id, input.code);
      }),
  }),
};
