// Order e-mails (placed, paid, shipped, refund decided), in the language the
// buyer checked out in. Sent after the commit; a mail failure is logged and
// never undoes the order.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { villages } from '../../../db/schema/catalog.ts';
import { checkouts, orders } from '../../../db/schema/orders.ts';
import { env } from '../../lib/env.ts';
import { formatFen } from '../../lib/money.ts';
import { sendMail } from '../mail/mail.server.ts';
import { log } from '../../lib/log.ts';

export type OrderMail = 'placed' | 'paid' | 'shipped' | 'refund_approved' | 'refund_rejected';

const copy = {
  zh: {
    placed: { subject: '订单已提交：{number}', body: '您好，{recipient}：\n\n您的订单 {number} 已提交，应付 {total}。\n{payment}\n\n查看订单：{link}\n\n帮扶集市' },
    paid: { subject: '已收到付款：{number}', body: '您好，{recipient}：\n\n{village} 已确认收到订单 {number} 的付款，正在备货。\n\n查看订单：{link}\n\n帮扶集市' },
    shipped: { subject: '已发货：{number}', body: '您好，{recipient}：\n\n{village} 已发货，{courier} 运单号 {tracking}。\n\n查看订单：{link}\n\n帮扶集市' },
    refund_approved: { subject: '售后已同意：{number}', body: '您好，{recipient}：\n\n{village} 同意了您的售后申请，退款 {amount}。{note}\n\n查看订单：{link}\n\n帮扶集市' },
    refund_rejected: {
      subject: '售后未通过：{number}',
      body: '您好，{recipient}：\n\n{village} 未同意您的售后申请，原因：{note}\n如有疑问请回复本邮件。\n\n查看订单：{link}\n\n帮扶集市',
    },
    bank: '请按订单页面所示的村集体账户对公转账，并在附言中注明订单号。',
    cod: '货到付款：请在收货时付款给快递员。',
    stripe: '请在订单页面完成在线支付。',
  },
  en: {
    placed: {
      subject: 'Order placed: {number}',
      body: 'Hello {recipient},\n\nYour order {number} has been placed; the amount due is {total}.\n{payment}\n\nView your order: {link}\n\nBangfu Market',
    },
    paid: {
      subject: 'Payment received: {number}',
      body: 'Hello {recipient},\n\n{village} has received the payment for order {number} and is packing it.\n\nView your order: {link}\n\nBangfu Market',
    },
    shipped: {
      subject: 'Shipped: {number}',
      body: 'Hello {recipient},\n\n{village} has shipped your parcel: {courier}, tracking number {tracking}.\n\nView your order: {link}\n\nBangfu Market',
    },
    refund_approved: {
      subject: 'Claim approved: {number}',
      body: 'Hello {recipient},\n\n{village} approved your claim: {amount} will be refunded. {note}\n\nView your order: {link}\n\nBangfu Market',
    },
    refund_rejected: {
      subject: 'Claim declined: {number}',
      body: 'Hello {recipient},\n\n{village} declined your claim. Reason: {note}\nReply to this e-mail if you have questions.\n\nView your order: {link}\n\nBangfu Market',
    },
    bank: 'Please pay by bank transfer to the village account shown on the order page, quoting the order number.',
    cod: 'Cash on delivery: pay the courier when the parcel arrives.',
    stripe: 'Please complete the online payment on the order page.',
  },
};

const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');

/** `orderId` for village-level mail; for 'placed' any order of the checkout. */
export async function notifyOrder(db: Db, orderId: number, kind: OrderMail, extra: { amountFen?: bigint; note?: string } = {}) {
  try {
    const [row] = await db
      .select({ order: orders, checkout: checkouts, village: villages.name, villageEn: villages.nameEn })
      .from(orders)
      .innerJoin(checkouts, eq(checkouts.id, orders.checkoutId))
      .innerJoin(villages, eq(villages.id, orders.villageId))
      .where(eq(orders.id, orderId));
    if (!row?.checkout.email) return;
    const locale = row.checkout.locale === 'en' ? 'en' : 'zh';
    const c = copy[locale];
    const prefix = locale === 'en' ? '/en' : '';
    const payment = row.checkout.paymentMethod === 'bank_transfer' ? c.bank : row.checkout.paymentMethod === 'cash_on_delivery' ? c.cod : c.stripe;
    const values = {
      recipient: row.checkout.recipient,
      number: kind === 'placed' ? row.checkout.number : row.order.number,
      total: formatFen(row.checkout.totalFen),
      payment,
      village: locale === 'en' ? row.villageEn : row.village,
      courier: row.order.courier ?? '',
      tracking: row.order.trackingNo ?? '',
      amount: extra.amountFen !== undefined ? formatFen(extra.amountFen) : '',
      note: extra.note ?? '',
      link: new URL(`${prefix}/orders/${row.checkout.number}`, env.SITE_URL).toString(),
    };
    await sendMail(db, { to: row.checkout.email, subject: fill(c[kind].subject, values), body: fill(c[kind].body, values) });
  } catch (error) {
    log.error({ err: error }, `order mail ${kind} for order ${orderId} failed`);
  }
}
