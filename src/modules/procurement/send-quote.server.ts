// 报价. Who: a manager of the village (or a platform admin helping them).
// From: pending_village_quote (the first quote, or a revision the buyer asked for).
// Every line gets a price; a revision is a new row, so earlier quotes stay as sent.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { quoteLines, quoteRequestLines, quotes } from '../../../db/schema/procurement.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { refuse } from '../../lib/errors.ts';
import { env } from '../../lib/env.ts';
import { requireVillageSide, type RequestParty } from './access.server.ts';
import { notifyUser } from './notify.server.ts';
import { goodsFen, type QuoteInput } from './procurement.ts';
import { moveRequest } from './request.server.ts';

/** `input.requestId` is the request the edge checked (requireRequestParty). */
export async function sendQuote(db: Db, { party, request }: RequestParty, input: QuoteInput, now = new Date()) {
  requireVillageSide(party);
  if (input.validUntil < shanghaiDate(now)) throw refuse.invalid('date_past', 'validUntil');
  const lines = await db.select().from(quoteRequestLines).where(eq(quoteRequestLines.requestId, request.id)).orderBy(quoteRequestLines.id);
  if (lines.some((l) => !input.prices.has(l.id)) || input.prices.size !== lines.length) throw refuse.invalid('price_invalid', 'price');
  const priced = lines.map((l) => ({ requestLineId: l.id, quantity: l.quantity, unitPriceFen: input.prices.get(l.id)! }));
  const quote = await db.transaction(async (tx) => {
    const updated = await moveRequest(tx, request.id, ['pending_village_quote'], 'pending_unit_decision', { kind: 'quoted', userId: party.userId, note: input.note });
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${quotes.revision}), 0) + 1` })
      .from(quotes)
      .where(eq(quotes.requestId, request.id));
    const [row] = await tx
      .insert(quotes)
      .values({
        requestId: updated.id,
        revision: Number(next),
        freightFen: input.freightFen,
        goodsFen: goodsFen(priced),
        validUntil: input.validUntil,
        paymentTerms: input.paymentTerms,
        netDays: input.netDays,
        note: input.note,
        createdBy: party.userId,
      })
      .returning();
    await tx.insert(quoteLines).values(priced.map((p) => ({ ...p, quoteId: row.id })));
    return row;
  });
  await notifyUser(
    db,
    request.requestedBy,
    `收到报价：${request.number}`,
    `您的询价 ${request.number} 已收到报价（第 ${quote.revision} 版），请登录查看并确认：\n${env.SITE_URL}/procurement/requests/${request.number}`,
  );
  return { number: request.number, revision: quote.revision };
}
