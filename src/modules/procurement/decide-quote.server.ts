// The buyer's answer to the latest quote, and the approver's decision.
// decide — who: the unit's buyers and admins; from: pending_unit_decision.
//   accept → pending_unit_approval when the contract value is over the unit's
//   threshold (0: always), else the contract is made at once; decline → declined;
//   changes → pending_village_quote (the village sends a revision).
// approve — who: an approver or admin of the unit who is not the requester;
//   from: pending_unit_approval → contracted (the contract is made in the same
//   transaction), or → rejected with a reason. Two approvers clicking at once:
//   the second finds the state changed.
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { quotes } from '../../../db/schema/procurement.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { AccessError, refuse } from '../../lib/errors.ts';
import { env } from '../../lib/env.ts';
import { approvalThreshold } from '../units/threshold.server.ts';
import { requireUnitSide, type RequestParty } from './access.server.ts';
import { createContract } from './contract.server.ts';
import { notifyUser, notifyVillage } from './notify.server.ts';
import { needsApproval } from './procurement.ts';
import { moveRequest } from './request.server.ts';

export async function latestQuote(db: Db, requestId: number) {
  const [quote] = await db.select().from(quotes).where(eq(quotes.requestId, requestId)).orderBy(desc(quotes.revision)).limit(1);
  return quote ?? null;
}

export async function decideQuote(db: Db, { party, request }: RequestParty, input: { decision: 'accept' | 'decline' | 'changes'; note: string }, now = new Date()) {
  requireUnitSide(party, ['buyer', 'admin']);
  const quote = await latestQuote(db, request.id);
  if (!quote || request.status !== 'pending_unit_decision') throw refuse.conflict('request_state_changed');
  const link = `${env.SITE_URL}/procurement/requests/${request.number}`;
  if (input.decision === 'decline' || input.decision === 'changes') {
    const to = input.decision === 'decline' ? 'declined' : 'pending_village_quote';
    await moveRequest(db, request.id, ['pending_unit_decision'], to, {
      kind: input.decision === 'decline' ? 'declined' : 'changes_requested',
      userId: party.userId,
      note: input.note,
    });
    const subject = input.decision === 'decline' ? `报价未被采纳：${request.number}` : `请修改报价：${request.number}`;
    await notifyVillage(db, request.villageId, subject, `${input.note || '（无说明）'}\n${link}`);
    return { number: request.number, status: to };
  }
  if (quote.validUntil < shanghaiDate(now)) throw refuse.conflict('quote_expired');
  const value = (quote.goodsFen + quote.freightFen) * BigInt(request.periods);
  const approval = needsApproval(value, await approvalThreshold(db, request.unitId));
  const status = await db.transaction(async (tx) => {
    if (approval) {
      await moveRequest(
        tx,
        request.id,
        ['pending_unit_decision'],
        'pending_unit_approval',
        { kind: 'accepted', userId: party.userId, note: input.note },
        { acceptedQuoteId: quote.id, needsApproval: true },
      );
      return 'pending_unit_approval' as const;
    }
    const moved = await moveRequest(
      tx,
      request.id,
      ['pending_unit_decision'],
      'contracted',
      { kind: 'accepted', userId: party.userId, note: input.note },
      { acceptedQuoteId: quote.id, decidedBy: party.userId },
    );
    await createContract(tx, moved, quote, party.userId, now);
    return 'contracted' as const;
  });
  if (status === 'contracted') await notifyVillage(db, request.villageId, `已签约：${request.number}`, `单位已接受报价，合同已生成。\n${link}`);
  return { number: request.number, status };
}

export async function approveQuote(db: Db, { party, request }: RequestParty, input: { decision: 'approve' | 'reject'; reason: string }, now = new Date()) {
  requireUnitSide(party, ['approver', 'admin']);
  // Four eyes: whoever asked for the goods does not approve their own purchase.
  if (party.userId === request.requestedBy) throw new AccessError(403);
  const link = `${env.SITE_URL}/procurement/requests/${request.number}`;
  if (input.decision === 'reject') {
    await moveRequest(
      db,
      request.id,
      ['pending_unit_approval'],
      'rejected',
      { kind: 'rejected', userId: party.userId, note: input.reason },
      { decidedBy: party.userId, decisionReason: input.reason },
    );
    await notifyUser(db, request.requestedBy, `采购未获审批：${request.number}`, `原因：${input.reason}\n${link}`);
    return { number: request.number, status: 'rejected' as const };
  }
  await db.transaction(async (tx) => {
    const moved = await moveRequest(
      tx,
      request.id,
      ['pending_unit_approval'],
      'contracted',
      { kind: 'approved', userId: party.userId, note: input.reason },
      { decidedBy: party.userId, decisionReason: input.reason || null },
    );
    const [quote] = await tx.select().from(quotes).where(eq(quotes.id, moved.acceptedQuoteId!));
    await createContract(tx, moved, quote, party.userId, now);
  });
  await notifyUser(db, request.requestedBy, `采购已审批：${request.number}`, `合同已生成。\n${link}`);
  await notifyVillage(db, request.villageId, `已签约：${request.number}`, `单位已审批通过，合同已生成。\n${link}`);
  return { number: request.number, status: 'contracted' as const };
}
