// After-sale photos: only the buyer of the order, the village's managers and
// admins may see them. Evidence of brokered sales and credential scans: the village's managers and admins.
// Invoices and transfer vouchers of a contract: its two parties (the unit's buyers,
// approvers and admins; the village's managers) and admins. Anyone else gets the same 404 as for a missing file.
import type { APIRoute } from 'astro';
import { requireBuyer, requireOrderVillage } from '../../modules/orders/access.server.ts';
import { orderOfClaimPhoto } from '../../modules/orders/claims.server.ts';
import { villageOfEvidence } from '../../modules/reports/offline-sales.server.ts';
import { villageOfCredentialScan } from '../../modules/catalog/credentials.server.ts';
import { partyOf } from '../../modules/procurement/access.server.ts';
import { contractOfUpload } from '../../modules/procurement/billing.server.ts';
import { isUploadPath, readUpload } from '../../modules/uploads/uploads.server.ts';
import { guestOrderTokens } from '../../lib/order-cookie.ts';
import { requireVillageManager } from '../../modules/villages/access.server.ts';

export const prerender = false;

const missing = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

async function allowed(path: string, locals: App.Locals, tokens: string[]): Promise<boolean> {
  const db = locals.db;
  if (path.startsWith('evidence/') || path.startsWith('credentials/')) {
    // Evidence of a brokered sale, a credential's scan: the village's managers and admins.
    const villageId = path.startsWith('evidence/') ? await villageOfEvidence(db, path) : await villageOfCredentialScan(db, path);
    if (villageId === null) return false;
    try {
      await requireVillageManager(db, locals, villageId);
      return true;
    } catch {
      return false;
    }
  }
  if (path.startsWith('procurement/')) {
    const contract = await contractOfUpload(db, path);
    if (!contract) return false;
    try {
      await partyOf(db, locals, contract.unitId, contract.villageId);
      return true;
    } catch {
      return false;
    }
  }
  const owner = await orderOfClaimPhoto(db, path);
  if (!owner) return false;
  for (const check of [() => requireBuyer(db, { user: locals.user, guestTokens: tokens }, owner.checkoutId), () => requireOrderVillage(db, locals.user, owner.orderId)]) {
    try {
      await check();
      return true;
    } catch {
      // not this kind of viewer: try the next
    }
  }
  return false;
}

export const GET: APIRoute = async ({ params, locals, cookies }) => {
  const path = params.path ?? '';
  if (!isUploadPath(path) || !(await allowed(path, locals, guestOrderTokens(cookies)))) return missing();
  const file = await readUpload(path);
  if (!file) return missing();
  return new Response(new Blob([file.bytes as Uint8Array<ArrayBuffer>]), {
    headers: { 'content-type': file.type, 'cache-control': 'private, max-age=3600', 'x-content-type-options': 'nosniff', 'content-disposition': 'inline' },
  });
};
