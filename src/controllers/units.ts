// Helping-unit pages, joining by invitation, and the village manager's pages.
import { actions } from 'astro:actions';
import { getDb } from '../../db/client.ts';
import { requireUser } from '../modules/auth/guards.server.ts';
import { findInvite } from '../modules/units/invites.server.ts';
import { attributedUnit, getUnitOverview, listMyUnits, listParentOptions } from '../modules/units/units.server.ts';
import { canManageMembers } from '../modules/units/units.ts';
import { findVillageId, getManagedVillage, listManagedVillages } from '../modules/villages/manage.server.ts';
import { AccessError } from '../lib/errors.ts';
import { formState } from '../lib/form-state.ts';
import { localePath, type Locale } from '../lib/i18n.ts';
import { notFound, redirectTo, render, type PageContext } from './types.ts';
import { requireUnitRole } from '../modules/units/access.server.ts';
import { requireVillageManager } from '../modules/villages/access.server.ts';

export async function registerUnitPage(Astro: PageContext, locale: Locale) {
  requireUser(Astro.locals);
  const result = Astro.getActionResult(actions.units.register);
  if (result?.data) return redirectTo(localePath(locale, `/units/${result.data.unitId}`));
  return render({ locale, state: formState(result), parents: await listParentOptions(await getDb()) });
}

export async function myUnitsPage(Astro: PageContext, locale: Locale) {
  const { user } = requireUser(Astro.locals);
  const db = await getDb();
  return render({ locale, units: await listMyUnits(db, user.id), attributed: await attributedUnit(db, user.id) });
}

/** Any member may look; only unit admins (and platform admins) see invites and manage members. */
export async function unitPage(Astro: PageContext, locale: Locale) {
  // Ids are PostgreSQL integers: anything else names no unit (-1), not a failing query.
  const id = Number(Astro.params.id);
  const unitId = Number.isInteger(id) && id > 0 && id <= 2_147_483_647 ? id : -1;
  const db = await getDb();
  const { user, role } = await requireUnitRole(db, Astro.locals, unitId);
  const manage = canManageMembers(role);
  const invite = Astro.getActionResult(actions.units.createInvite);
  const results = [invite, Astro.getActionResult(actions.units.revokeInvite), Astro.getActionResult(actions.units.setMemberRole), Astro.getActionResult(actions.units.removeMember)];
  const overview = await getUnitOverview(db, unitId, manage);
  if (!overview) return notFound();
  return render({
      locale,
      overview,
      myRole: role,
      myUserId: user.id,
      manage,
      inviteLink: invite?.data?.link ?? null,
      state: formState(results.find((r) => r?.error)),
      joined: Astro.url.searchParams.get('joined') === '1',
  });
}

export async function joinPage(Astro: PageContext, locale: Locale) {
  requireUser(Astro.locals);
  const result = Astro.getActionResult(actions.units.acceptInvite);
  if (result?.data) return redirectTo(`${localePath(locale, `/units/${result.data.unitId}`)}?joined=1`);
  const code = Astro.url.searchParams.get('code') ?? '';
  const invite = await findInvite(await getDb(), code);
  return render({ locale, code, invite, state: formState(result) });
}

export async function managePage(Astro: PageContext, locale: Locale) {
  const { user } = requireUser(Astro.locals);
  return render({ locale, villages: await listManagedVillages(await getDb(), user.id) });
}

export async function managedVillagePage(Astro: PageContext, locale: Locale) {
  requireUser(Astro.locals);
  const db = await getDb();
  const villageId = await findVillageId(db, Astro.params.slug ?? '');
  if (villageId === null) throw new AccessError(403); // same answer as "not yours": no probing for slugs
  await requireVillageManager(db, Astro.locals, villageId);
  const result = Astro.getActionResult(actions.manage.adjustStock);
  const data = await getManagedVillage(db, villageId);
  if (!data) throw new AccessError(403);
  return render({ locale, ...data, state: formState(result), stockSaved: Boolean(result?.data) });
}
