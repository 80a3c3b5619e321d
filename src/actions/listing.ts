// A village's listing and its review: managers (and admins) keep producers and products and
// submit them; platform admins approve or reject. Each handler proves who calls, at the edge.
import { defineAction } from 'astro:actions';
import { z } from 'zod';
import { requireAdminActor } from '../modules/auth/guards.server.ts';
import { CredentialSchema, ProducerSchema, ProductIdSchema, ProductSchema, RejectProductSchema, RemoveCredentialSchema } from '../modules/catalog/listing.ts';
import { addCredential, removeCredential } from '../modules/catalog/credentials.server.ts';
import { saveProducer, saveProduct } from '../modules/catalog/listing.server.ts';
import { approveProduct, rejectProduct, setOnShelf, submitProduct } from '../modules/catalog/review.server.ts';
import { requireVillageManager } from '../modules/villages/access.server.ts';
import { idField } from '../lib/fields.ts';
import { run } from './run.ts';

const id = idField;
const VillageProductSchema = z.object({ villageId: id, productId: id });
const ShelfSchema = z.object({ villageId: id, productId: id, onShelf: z.enum(['true', 'false'], { error: 'invalid' }).transform((v) => v === 'true') });

export const listing = {
  saveProducer: defineAction({
    accept: 'form',
    input: ProducerSchema,
    handler: (input, ctx) => run(async () => saveProducer(ctx.locals.db, await requireVillageManager(ctx.locals.db, ctx.locals, input.villageId), input)),
  }),

  saveProduct: defineAction({
    accept: 'form',
    input: ProductSchema,
    handler: (input, ctx) => run(async () => saveProduct(ctx.locals.db, await requireVillageManager(ctx.locals.db, ctx.locals, input.villageId), input)),
  }),

  submitProduct: defineAction({
    accept: 'form',
    input: VillageProductSchema,
    handler: (input, ctx) =>
      run(async () => submitProduct(ctx.locals.db, await requireVillageManager(ctx.locals.db, ctx.locals, input.villageId), input.villageId, input.productId)),
  }),

  setOnShelf: defineAction({
    accept: 'form',
    input: ShelfSchema,
    handler: (input, ctx) =>
      run(async () => setOnShelf(ctx.locals.db, await requireVillageManager(ctx.locals.db, ctx.locals, input.villageId), input.villageId, input.productId, input.onShelf)),
  }),

  addCredential: defineAction({
    accept: 'form',
    input: CredentialSchema,
    handler: (input, ctx) => run(async () => addCredential(ctx.locals.db, await requireVillageManager(ctx.locals.db, ctx.locals, input.villageId), input)),
  }),

  removeCredential: defineAction({
    accept: 'form',
    input: RemoveCredentialSchema,
    handler: (input, ctx) => run(async () => removeCredential(ctx.locals.db, await requireVillageManager(ctx.locals.db, ctx.locals, input.villageId), input)),
  }),

  approveProduct: defineAction({
    accept: 'form',
    input: ProductIdSchema,
    handler: (input, ctx) => run(async () => approveProduct(ctx.locals.db, requireAdminActor(ctx.locals), input.productId)),
  }),

  rejectProduct: defineAction({
    accept: 'form',
    input: RejectProductSchema,
    handler: (input, ctx) => run(async () => rejectProduct(ctx.locals.db, requireAdminActor(ctx.locals), input)),
  }),
};
