// The signed-in person's own pages: profile and password, saved addresses,
// signed-in devices. Each successful form post redirects (303) back to the page
// with a short notice code, so a reload never submits twice.
import { actions } from 'astro:actions';
import { getDb } from '../../db/client.ts';
import { MAX_ADDRESSES, parseAddressId } from '../modules/account/addresses.ts';
import { listAddresses, type SavedAddress } from '../modules/account/addresses.server.ts';
import { listMySessions } from '../modules/account/sessions.server.ts';
import { requireUser } from '../modules/auth/guards.server.ts';
import { formState, type FormState } from '../lib/form-state.ts';
import { fill, localePath, messages, type Locale, type Messages } from '../lib/i18n.ts';
import { redirectTo, render, type PageContext } from './types.ts';

/** A count from our own redirect (?ended=2); anything odd reads as 0. */
function countParam(value: string | null): number {
  return value && /^\d{1,4}$/.test(value) ? Number(value) : 0;
}

type AccountKey = keyof Messages['account'];
function endedText(t: Messages, n: number, keys: { none: AccountKey; one: AccountKey; many: AccountKey }): string {
  const key = n === 0 ? keys.none : n === 1 ? keys.one : keys.many;
  return fill(t.account[key], { n });
}

export function profilePage(Astro: PageContext, locale: Locale) {
  const { user } = requireUser(Astro.locals);
  const t = messages(locale);
  const here = localePath(locale, '/account');
  const profile = Astro.getActionResult(actions.account.updateProfile);
  if (profile?.data) return redirectTo(`${here}?done=profile`);
  const password = Astro.getActionResult(actions.auth.changePassword);
  if (password?.data) return redirectTo(`${here}?done=password&ended=${password.data.otherSessionsEnded}`);
  const done = Astro.url.searchParams.get('done');
  const ended = countParam(Astro.url.searchParams.get('ended'));
  return render({
    locale,
    email: user.email,
    // After a refused save, the fields show what was typed (Field reads locals.formValues).
    values: profile?.error ? null : { displayName: user.displayName, mobile: user.mobile ?? '' },
    profileState: formState(profile),
    passwordState: formState(password),
    profileNotice: done === 'profile' ? t.account.profileSaved : null,
    passwordNotice: done === 'password' ? endedText(t, ended, { none: 'passwordChangedNone', one: 'passwordChangedOne', many: 'passwordChangedMany' }) : null,
  });
}

export type AddressMode =
  | { kind: 'list' }
  | { kind: 'edit'; address: SavedAddress; values: Record<string, string> | null }
  | { kind: 'delete'; address: SavedAddress };

export interface AddressesProps {
  locale: Locale;
  addresses: SavedAddress[];
  max: number;
  mode: AddressMode;
  state: FormState;
  notice: string | null;
}

const addressNotices = { created: 'addrCreated', updated: 'addrUpdated', deleted: 'addrDeleted', default: 'addrDefaultSet' } as const;

/** ?edit=ID shows the edit form, ?delete=ID the confirmation; ids are looked up among the user's own addresses only. */
export async function addressesPage(Astro: PageContext, locale: Locale) {
  const { user } = requireUser(Astro.locals);
  const t = messages(locale);
  const here = localePath(locale, '/account/addresses');
  const save = Astro.getActionResult(actions.account.saveAddress);
  if (save?.data) return redirectTo(`${here}?done=${save.data.created ? 'created' : 'updated'}`);
  const remove = Astro.getActionResult(actions.account.deleteAddress);
  if (remove?.data) return redirectTo(`${here}?done=deleted`);
  const makeDefault = Astro.getActionResult(actions.account.setDefaultAddress);
  if (makeDefault?.data) return redirectTo(`${here}?done=default`);

  const list = await listAddresses(await getDb(), user.id);
  const query = Astro.url.searchParams;
  // A refused edit posts back to the bare path: its hidden id says which address was being edited.
  const editId = save?.error ? parseAddressId(Astro.locals.formValues.id) : parseAddressId(query.get('edit'));
  const deleteId = remove || makeDefault || save ? null : parseAddressId(query.get('delete'));
  const wanted = query.has('edit') || query.has('delete');
  const find = (id: number | null) => (id === null ? undefined : list.find((a) => a.id === id));

  let mode: AddressMode = { kind: 'list' };
  let state = formState(save ?? remove ?? makeDefault);
  const editing = find(editId);
  const deleting = find(deleteId);
  if (editing) {
    const { id: _id, isDefault: _d, ...saved } = editing;
    mode = { kind: 'edit', address: editing, values: save?.error ? null : saved };
  } else if (deleting) {
    mode = { kind: 'delete', address: deleting };
  } else if (wanted && !save && !remove && !makeDefault) {
    Astro.response.status = 404;
    state = { fields: {}, form: 'addrNotFound' };
  }
  const done = query.get('done');
  const noticeKey = done && done in addressNotices ? addressNotices[done as keyof typeof addressNotices] : null;
  const props: AddressesProps = { locale, addresses: list, max: MAX_ADDRESSES, mode, state, notice: noticeKey ? fill(t.account[noticeKey], { max: MAX_ADDRESSES }) : null };
  return render(props);
}

export async function sessionsPage(Astro: PageContext, locale: Locale) {
  const { user, session } = requireUser(Astro.locals);
  const t = messages(locale);
  const here = localePath(locale, '/account/sessions');
  const result = Astro.getActionResult(actions.account.endOtherSessions);
  if (result?.data) return redirectTo(`${here}?ended=${result.data.ended}`);
  const ended = Astro.url.searchParams.get('ended');
  return render({
    locale,
    sessions: await listMySessions(await getDb(), user.id, session.id),
    state: formState(result),
    notice: ended === null ? null : endedText(t, countParam(ended), { none: 'sessEndedNone', one: 'sessEndedOne', many: 'sessEndedMany' }),
  });
}
