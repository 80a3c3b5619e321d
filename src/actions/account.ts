// The signed-in person's own account: profile, saved addresses, signed-in devices.
// Every handler starts from requireUser, and every domain call is scoped to that user's id.
import { defineAction } from 'astro:actions';
import { AddressIdSchema, SaveAddressSchema } from '../modules/account/addresses.ts';
import { deleteAddress, saveAddress, setDefaultAddress } from '../modules/account/addresses.server.ts';
import { ProfileSchema } from '../modules/account/profile.ts';
import { updateProfile } from '../modules/auth/users.server.ts';
import { endOtherSessions } from '../modules/account/sessions.server.ts';
import { requireUser } from '../modules/auth/guards.server.ts';
import { run } from './run.ts';

export const account = {
  updateProfile: defineAction({
    accept: 'form',
    input: ProfileSchema,
    handler: (input, ctx) =>
      run(async () => {
        const { user } = requireUser(ctx.locals);
        return updateProfile(ctx.locals.db, user.id, input);
      }),
  }),

  saveAddress: defineAction({
    accept: 'form',
    input: SaveAddressSchema,
    handler: (input, ctx) =>
      run(async () => {
        const { user } = requireUser(ctx.locals);
        const saved = await saveAddress(ctx.locals.db, user.id, input);
        return { id: saved.id, created: !input.id };
      }),
  }),

  setDefaultAddress: defineAction({
    accept: 'form',
    input: AddressIdSchema,
    handler: (input, ctx) =>
      run(async () => {
        const { user } = requireUser(ctx.locals);
        await setDefaultAddress(ctx.locals.db, user.id, input.id);
        return { id: input.id };
      }),
  }),

  deleteAddress: defineAction({
    accept: 'form',
    input: AddressIdSchema,
    handler: (input, ctx) =>
      run(async () => {
        const { user } = requireUser(ctx.locals);
        await deleteAddress(ctx.locals.db, user.id, input.id);
        return { id: input.id };
      }),
  }),

  endOtherSessions: defineAction({
    accept: 'form',
    handler: (_input, ctx) =>
      run(async () => {
        const { user, session } = requireUser(ctx.locals);
        return { ended: await endOtherSessions(ctx.locals.db, user.id, session.id) };
      }),
  }),
};
