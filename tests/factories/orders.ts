// Placing orders for tests: a cart with the given lines, checked out through
// the real placeOrder (so reservations and idempotency are the real ones).
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { addToCart, ensureCart } from '../../src/modules/cart/cart.server.ts';
import { placeOrder } from '../../src/modules/orders/place-order.server.ts';
import { CheckoutSchema, type PaymentMethod } from '../../src/modules/orders/orders.ts';

export interface TestOrderInput {
  lines: { variantId: number; quantity: number }[];
  user?: { id: number; email: string } | null;
  paymentMethod?: PaymentMethod;
  province?: string;
  now?: Date;
  reservationMinutes?: number;
  idempotencyKey?: string;
}

export function checkoutForm(over: Record<string, string> = {}) {
  return CheckoutSchema.parse({
    idempotencyKey: randomBytes(18).toString('base64url'),
    recipient: '王小明',
    mobile: '13800138000',
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    detail: '文三路 90 号',
    paymentMethod: 'bank_transfer',
    note: '',
    ...over,
  });
}

export async function placeTestOrder(db: Db, input: TestOrderInput) {
  const user = input.user ?? null;
  const owner = { userId: user?.id ?? null, guestCartId: null as string | null };
  const { cartId } = await ensureCart(db, owner);
  if (!user) owner.guestCartId = cartId;
  for (const l of input.lines) await addToCart(db, cartId, l.variantId, l.quantity);
  const form = checkoutForm({
    paymentMethod: input.paymentMethod ?? 'bank_transfer',
    province: input.province ?? '浙江省',
    ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
  });
  const placed = await placeOrder(db, form, {
    owner,
    user,
    now: input.now ?? new Date(),
    reservationMinutes: input.reservationMinutes ?? 30,
    stripeEnabled: true,
    locale: 'zh',
  });
  return { ...placed, owner, form };
}
