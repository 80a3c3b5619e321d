// 验收, a delivery accepted (the edge has checked the person's part in the
// contract: requireDeliveryParty): procurement records it — billed, each line's
// received quantity, the contract completed when nothing is left — and the ledger
// counts what arrived, in one transaction, so the ledger and the accepted
// deliveries never disagree. The village is mailed after the commit.
import type { Db } from '../../db/client.ts';
import * as ledger from '../modules/ledger/ledger.server.ts';
import type { DeliveryParty } from '../modules/procurement/access.server.ts';
import { notifyAccepted, recordAcceptance, type AcceptanceInput } from '../modules/procurement/accept-delivery.server.ts';
import { deliveryEntries } from '../modules/procurement/ledger-entries.ts';

export async function acceptDelivery(db: Db, checked: DeliveryParty, input: AcceptanceInput, now = new Date()) {
  const accepted = await db.transaction(async (tx) => {
    const accepted = await recordAcceptance(tx, checked, input, now);
    await ledger.append(tx, deliveryEntries(accepted));
    return accepted;
  });
  await notifyAccepted(db, accepted);
  return { number: accepted.contract.number, billedFen: accepted.billedFen };
}
