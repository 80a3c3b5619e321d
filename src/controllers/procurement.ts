// Bulk procurement pages: the unit's desk, a new quote request, a request, a
// contract (and its printable document), the village's desk and the unit's
// statement. Each page proves access first — requireUnitRole for a unit's pages,
// the village's managers for its desk, requireRequestPartyByNumber /
// requireContractPartyByNumber for a request or a contract (a stranger's is a 404,
// as a missing one) — then reads with what the guard returned.
import { actions } from 'astro:actions';
import { requireUser } from '../modules/auth/guards.server.ts';
import { requireContractPartyByNumber, requireRequestPartyByNumber } from '../modules/procurement/access.server.ts';
import { contractDetail, requestDetail, requestFormData, unitDesk, villageDesk } from '../modules/procurement/queries.server.ts';
import { unitStatement } from '../modules/procurement/statement.server.ts';
import { periodFromQuery } from '../modules/reports/periods.ts';
import { DomainError } from '../lib/errors.ts';
import { shanghaiDate } from '../lib/dates.ts';
import { formState } from '../lib/form-state.ts';
import { localePath, type Locale } from '../lib/i18n.ts';
import { managedVillage } from './manage-orders.ts';
import { notFound, redirectTo, render, type PageContext } from './types.ts';
import { requireUnitRole } from '../modules/units/access.server.ts';

const intParam = (v: string | null | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : -1);
const NUMBER = /^(XJ|HT)\d{14}$/;

/** A missing or hidden record is a 404 page, the same for both. */
async function orNotFound<T>(load: () => Promise<T>) {
  try {
    return await load();
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) return null;
    throw error;
  }
}

function outcome(results: ({ data?: unknown; error?: unknown } | undefined)[]) {
  const failed = results.find((r) => r?.error) as Parameters<typeof formState>[0];
  return { saved: results.some((r) => r?.data), state: formState(failed) };
}

export async function unitDeskPage(Astro: PageContext, locale: Locale) {
  const db = Astro.locals.db;
  const unitId = intParam(Astro.params.id);
  const { user, role } = await requireUnitRole(db, Astro.locals, unitId, ['buyer', 'approver', 'admin']);
  const desk = await unitDesk(db, unitId, user.id);
  if (!desk.unit) return notFound();
  return render({ locale, unit: desk.unit, role, desk, ...outcome([Astro.getActionResult(actions.procurement.setThreshold)]) });
}

export async function newRequestPage(Astro: PageContext, locale: Locale) {
  const db = Astro.locals.db;
  const unitId = intParam(Astro.params.id);
  await requireUnitRole(db, Astro.locals, unitId, ['buyer', 'admin']);
  const result = Astro.getActionResult(actions.procurement.requestQuote);
  if (result?.data) return redirectTo(localePath(locale, `/procurement/requests/${result.data.number}`));
  const villageId = intParam(Astro.url.searchParams.get('village') ?? (Astro.locals.formValues.villageId as string | undefined));
  const data = await requestFormData(db, unitId, villageId);
  return render({ locale, unitId, ...data, today: shanghaiDate(new Date()), state: formState(result) });
}

export async function requestPage(Astro: PageContext, locale: Locale) {
  requireUser(Astro.locals);
  const number = Astro.params.number ?? '';
  if (!NUMBER.test(number)) return notFound();
  const db = Astro.locals.db;
  const results = ['sendQuote', 'decide', 'approve', 'withdraw'].map((k) => Astro.getActionResult(actions.procurement[k as 'decide']));
  const viewing = await orNotFound(() => requireRequestPartyByNumber(db, Astro.locals, number));
  if (!viewing) return notFound();
  const detail = await requestDetail(db, viewing);
  return render({ locale, detail, today: shanghaiDate(new Date()), ...outcome(results) });
}

export async function contractPage(Astro: PageContext, locale: Locale, print = false) {
  requireUser(Astro.locals);
  const number = Astro.params.number ?? '';
  if (!NUMBER.test(number)) return notFound();
  const db = Astro.locals.db;
  const results = ['ship', 'accept', 'reschedule', 'invoice', 'payment', 'cancelContract'].map((k) => Astro.getActionResult(actions.procurement[k as 'ship']));
  const viewing = await orNotFound(() => requireContractPartyByNumber(db, Astro.locals, number));
  if (!viewing) return notFound();
  const detail = await contractDetail(db, viewing);
  return render({ locale, detail, print, ...outcome(results) });
}

export async function villageDeskPage(Astro: PageContext, locale: Locale) {
  const { village } = await managedVillage(Astro);
  return render({ locale, village, desk: await villageDesk(Astro.locals.db, village.id) });
}

export async function statementPage(Astro: PageContext, locale: Locale) {
  const db = Astro.locals.db;
  const unitId = intParam(Astro.params.id);
  await requireUnitRole(db, Astro.locals, unitId, ['buyer', 'approver', 'admin']);
  const today = shanghaiDate(new Date());
  const { period, invalid } = periodFromQuery(Astro.url.searchParams, today);
  const statement = await unitStatement(db, unitId, period);
  if (!statement.unit) return notFound();
  return render({ locale, unitId, statement, invalid, today });
}
