// What a village does to its orders that stays within orders: confirm money
// received, ship, mark delivered — each followed by the buyer's mail. Who: a
// manager of the order's village or an admin, checked at the edge
// (requireOrderVillage), which passes the Actor.
import type { Db } from '../../../db/client.ts';
import { notifyOrder } from './notify.server.ts';
import type { OrderActor } from './orders.ts';
import { confirmOfflinePayment } from './pay-order.server.ts';
import { markDelivered, shipOrder } from './ship-order.server.ts';

export async function villageConfirmPayment(db: Db, by: OrderActor, orderId: number, reference: string) {
  const outcome = await confirmOfflinePayment(db, by, orderId, reference, new Date());
  if (outcome === 'paid') await notifyOrder(db, orderId, 'paid');
  return { outcome };
}

export async function villageShip(db: Db, by: OrderActor, orderId: number, courier: string, trackingNo: string) {
  await shipOrder(db, by, orderId, courier, trackingNo, new Date());
  await notifyOrder(db, orderId, 'shipped');
  return { shipped: true };
}

export async function villageMarkDelivered(db: Db, by: OrderActor, orderId: number) {
  await markDelivered(db, by, orderId, new Date());
  return { delivered: true };
}
