// A product's credentials (扶贫产品认定, 地理标志, 绿色/有机, SC licence), kept by the village's
// managers (or an admin) — the edge proves who with requireVillageManager. The scan is checked
// by its first bytes and stored under UPLOAD_DIR/credentials/, seen only by the village's
// managers and admins; the shop shows a credential while it is valid (catalog.server.ts), and
// the desk lists the expired ones.
import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { productCredentials, products } from '../../../db/schema/catalog.ts';
import { personActor } from '../../lib/actor.ts';
import { uniqueViolation } from '../../lib/db-errors.ts';
import { refuse } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.server.ts';
import { removeUploads, savePhotos } from '../uploads/uploads.server.ts';
import type { CredentialInput } from './listing.ts';

type Person = { id: number; role: 'user' | 'admin' };

async function ownProduct(db: DbOrTx, villageId: number, productId: number) {
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.id, productId), eq(products.villageId, villageId)));
  if (!row) throw refuse.notFound();
}

export async function addCredential(db: Db, user: Person, input: CredentialInput, now = new Date()) {
  await ownProduct(db, input.villageId, input.productId);
  const [scan] = await savePhotos(input.scan, 'credentials');
  try {
    return await db.transaction(async (tx) => {
      const values = {
        productId: input.productId,
        kind: input.kind,
        certificateNo: input.certificateNo,
        issuer: input.issuer,
        validUntil: input.validUntil || null,
        scanPath: scan ?? null,
      };
      const [row] = await tx.insert(productCredentials).values(values).returning({ id: productCredentials.id });
      await recordAudit(tx, personActor(user), { action: 'product.credential_add', target: 'product', targetId: input.productId, after: values }, now);
      return { credentialId: row.id };
    });
  } catch (error) {
    if (scan) await removeUploads([scan]);
    if (uniqueViolation(error) === 'product_credentials_product_kind_uq') throw refuse.conflict('credential_kind_exists', 'kind');
    throw error;
  }
}

export async function removeCredential(db: Db, user: Person, input: { villageId: number; productId: number; credentialId: number }, now = new Date()) {
  await ownProduct(db, input.villageId, input.productId);
  const removed = await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(productCredentials)
      .where(and(eq(productCredentials.id, input.credentialId), eq(productCredentials.productId, input.productId)))
      .returning();
    if (!row) throw refuse.conflict('state_changed');
    await recordAudit(tx, personActor(user), { action: 'product.credential_remove', target: 'product', targetId: input.productId, before: row }, now);
    return row;
  });
  if (removed.scanPath) await removeUploads([removed.scanPath]);
  return { productId: input.productId };
}

export async function credentialsOf(db: Db, productId: number) {
  return db.select().from(productCredentials).where(eq(productCredentials.productId, productId)).orderBy(asc(productCredentials.id));
}

/** The village's credentials that have expired (the shop no longer shows them), for its desk. */
export async function expiredCredentials(db: Db, villageId: number, today: string) {
  return db
    .select({ productId: products.id, productName: products.name, kind: productCredentials.kind, validUntil: productCredentials.validUntil })
    .from(productCredentials)
    .innerJoin(products, eq(products.id, productCredentials.productId))
    .where(and(eq(products.villageId, villageId), lt(productCredentials.validUntil, today)))
    .orderBy(asc(productCredentials.validUntil));
}

/** The village a credential scan belongs to (for the upload route's access check), or null. */
export async function villageOfCredentialScan(db: Db, path: string): Promise<number | null> {
  const [row] = await db
    .select({ villageId: products.villageId })
    .from(productCredentials)
    .innerJoin(products, eq(products.id, productCredentials.productId))
    .where(eq(productCredentials.scanPath, path));
  return row?.villageId ?? null;
}
