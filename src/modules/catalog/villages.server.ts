// Village queries for the public pages. Producer flags (脱贫户/监测户) never leave here.
import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { producers, products, villages } from '../../../db/schema/catalog.ts';
import { onShelf } from './shelf.server.ts';

export async function listVillages(db: Db) {
  return db
    .select({
      slug: villages.slug,
      name: villages.name,
      nameEn: villages.nameEn,
      province: villages.province,
      provinceEn: villages.provinceEn,
      city: villages.city,
      county: villages.county,
      story: villages.story,
      storyEn: villages.storyEn,
      imagePath: villages.imagePath,
      productCount: count(products.id),
    })
    .from(villages)
    .leftJoin(products, and(eq(products.villageId, villages.id), onShelf()))
    .groupBy(villages.id)
    .orderBy(asc(villages.id));
}
export type VillageSummary = Awaited<ReturnType<typeof listVillages>>[number];

export async function getVillageBySlug(db: Db, slug: string) {
  const [village] = await db.select().from(villages).where(eq(villages.slug, slug)).limit(1);
  if (!village) return null;
  const producerRows = await db
    .select({ id: producers.id, kind: producers.kind, name: producers.name, nameEn: producers.nameEn })
    .from(producers)
    .where(eq(producers.villageId, village.id))
    .orderBy(asc(producers.kind), asc(producers.id));
  return { village, producers: producerRows };
}

/** Every village, for a form's village picker (a 帮助销售 record, a 团购接龙). */
export async function listVillageOptions(db: Db) {
  return db.select({ id: villages.id, name: villages.name, nameEn: villages.nameEn }).from(villages).orderBy(asc(villages.id));
}
