import { describe, expect, it } from 'vitest';
import { AccessError, orNotFound, refuse } from './errors.ts';

describe('orNotFound', () => {
  it('passes the value through', async () => {
    expect(await orNotFound(async () => ({ id: 1 }))).toEqual({ id: 1 });
  });
  it('turns a 404 refusal into null', async () => {
    expect(
      await orNotFound(async () => {
        throw refuse.notFound();
      }),
    ).toBeNull();
  });
  it('lets every other refusal through: a 401 or 403 is not a 404', async () => {
    await expect(orNotFound(async () => Promise.reject(new AccessError(401)))).rejects.toThrow(AccessError);
    await expect(orNotFound(async () => Promise.reject(new AccessError(403)))).rejects.toThrow(AccessError);
    await expect(orNotFound(async () => Promise.reject(refuse.forbidden()))).rejects.toMatchObject({ status: 403 });
    await expect(orNotFound(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});
