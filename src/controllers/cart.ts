// The cart page.
import { actions } from 'astro:actions';
import { getDb } from '../../db/client.ts';
import { loadCart } from '../modules/cart/cart.server.ts';
import { guestCartId } from '../lib/cart-cookie.ts';
import { shanghaiDate } from '../lib/dates.ts';
import { formState } from '../lib/form-state.ts';
import type { Locale } from '../lib/i18n.ts';
import { render, type PageContext } from './types.ts';

export async function cartPage(Astro: PageContext, locale: Locale) {
  const results = [Astro.getActionResult(actions.cart.setQuantity), Astro.getActionResult(actions.cart.remove)];
  const owner = { userId: Astro.locals.user?.id ?? null, guestCartId: guestCartId(Astro.cookies) };
  const cart = await loadCart(await getDb(), owner, shanghaiDate(new Date()));
  return render({ locale, cart, state: formState(results.find((r) => r?.error)) });
}
