// The cart page, and the product page (which adds to the cart).
import { actions } from 'astro:actions';
import { getDb } from '../../db/client.ts';
import { loadCart } from '../modules/cart/cart.server.ts';
import { loadProduct } from '../modules/catalog/pages.server.ts';
import { guestCartId } from '../lib/cart-cookie.ts';
import { shanghaiDate } from '../lib/dates.ts';
import { formState } from '../lib/form-state.ts';
import type { Locale } from '../lib/i18n.ts';
import { notFound, render, type PageContext } from './types.ts';

export async function cartPage(Astro: PageContext, locale: Locale) {
  const results = [Astro.getActionResult(actions.cart.setQuantity), Astro.getActionResult(actions.cart.remove)];
  const owner = { userId: Astro.locals.user?.id ?? null, guestCartId: guestCartId(Astro.cookies) };
  const cart = await loadCart(await getDb(), owner, shanghaiDate(new Date()));
  return render({ locale, cart, state: formState(results.find((r) => r?.error)) });
}

export async function productPage(Astro: PageContext, locale: Locale) {
  const data = await loadProduct(Astro.params.slug);
  if (!data) return notFound();
  const added = Astro.getActionResult(actions.cart.add);
  return render({ locale, data, added: Boolean(added?.data), state: formState(added) });
}
