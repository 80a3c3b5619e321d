// GET …/report/entries.xlsx: every ledger entry of the village and period (台账明细) as a
// streamed .xlsx — 100 000 rows stay within a few MB. The village's managers and platform admins.
import { PassThrough, Readable } from 'node:stream';
import type { APIRoute } from 'astro';
import { requireManagedVillage } from '../../../../../modules/villages/access.server.ts';
import { exportEntriesXlsx } from '../../../../../modules/reports/entries-export.server.ts';
import { periodFromQuery } from '../../../../../modules/reports/periods.ts';
import { shanghaiDate } from '../../../../../lib/dates.ts';
import { log } from '../../../../../lib/log.ts';

export const prerender = false;
export const GET: APIRoute = async (context) => {
  const db = context.locals.db;
  const village = await requireManagedVillage(db, context.locals, context.params.slug ?? '');
  const { period } = periodFromQuery(context.url.searchParams, shanghaiDate(new Date()));
  const out = new PassThrough();
  exportEntriesXlsx(db, { villageId: village.id }, period, out).then(
    () => out.end(), // writeXlsx leaves ending the stream to its caller
    (error) => {
      log.error({ err: error }, 'entries export failed');
      out.destroy(error as Error);
    },
  );
  const name = encodeURIComponent(`${village.name}-${period.key}-台账明细.xlsx`);
  return new Response(Readable.toWeb(out) as ReadableStream, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename*=UTF-8''${name}`,
      'cache-control': 'private, no-store',
    },
  });
};
