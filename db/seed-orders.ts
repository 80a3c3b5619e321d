// Demo sales history, so the reports have something to show on a fresh
// machine: a year of orders by the demo consumer (个人消费) and the bureau's
// staff member (职工购买), placed, paid, shipped and completed through the real
// order functions, with the times they would have happened. Idempotent: skipped
// when any checkout exists.
import { count, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { addToCart, ensureCart } from '../src/modules/cart/cart.server.ts';
import { ordersOfCheckout, placeOrder } from '../src/modules/orders/place-order.server.ts';
import { CheckoutSchema } from '../src/modules/orders/orders.ts';
import { confirmOfflinePayment } from '../src/modules/orders/pay-order.server.ts';
import { markDelivered, shipOrder } from '../src/modules/orders/ship-order.server.ts';
import type { Db } from './client.ts';
import { checkouts, products, productVariants, users, villages } from './schema/index.ts';

const DAY = 86_400_000;

export async function seedDemoOrders(db: Db, now: Date): Promise<{ ordersCreated: number }> {
  const [{ n }] = await db.select({ n: count() }).from(checkouts);
  if (n > 0) return { ordersCreated: 0 };
  const buyers = await db.select({ id: users.id, email: users.email }).from(users);
  const consumer = buyers.find((u) => u.email === 'consumer@bangfu.local');
  const staff = buyers.find((u) => u.email === 'staff@bangfu.local');
  if (!consumer || !staff) return { ordersCreated: 0 };
  // The first three villages' first variants with stock: peaches, tea, honeysuckle… — none on
  // pre-sale: these orders were shipped and delivered in the past, and a pre-sale ships later.
  const variants = await db
    .select({
      id: productVariants.id,
      villageId: products.villageId,
      stock: productVariants.stock,
      min: productVariants.minQuantity,
      presale: productVariants.presaleShipsFrom,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .innerJoin(villages, eq(villages.id, products.villageId))
    .orderBy(villages.id, products.id, productVariants.sortOrder);
  const villageIds = [...new Set(variants.map((v) => v.villageId))].slice(0, 3);
  const picks = villageIds.flatMap((vid) => variants.filter((v) => v.villageId === vid && v.stock > 50 && v.min === 1 && v.presale === null).slice(0, 2));
  let created = 0;
  // Three orders a month for a year, alternating buyers and products.
  for (let i = 0; i < 36; i++) {
    const at = new Date(now.getTime() - (360 - i * 10) * DAY);
    const user = i % 3 === 2 ? staff : consumer;
    const variant = picks[i % picks.length];
    const { cartId } = await ensureCart(db, { userId: user.id, guestCartId: null });
    await addToCart(db, cartId, variant.id, 2 + (i % 5));
    const input = CheckoutSchema.parse({
      idempotencyKey: randomBytes(18).toString('base64url'),
      recipient: user === staff ? '李职工' : '王小明',
      mobile: '13800138000',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路 90 号',
      paymentMethod: 'bank_transfer',
    });
    const placed = await placeOrder(db, input, { owner: { userId: user.id, guestCartId: null }, user, now: at, reservationMinutes: 30, stripeEnabled: false, locale: 'zh' });
    for (const order of await ordersOfCheckout(db, placed.id)) {
      const village = { kind: 'village' as const, userId: null };
      await confirmOfflinePayment(db, village, order.id, '演示数据', new Date(at.getTime() + 2 * 3600_000));
      await shipOrder(db, village, order.id, '中通快递', `ZT${String(7_000_000_000 + i)}`, new Date(at.getTime() + DAY));
      await markDelivered(db, { kind: 'buyer', userId: user.id }, order.id, new Date(at.getTime() + 3 * DAY));
    }
    created++;
  }
  return { ordersCreated: created };
}
