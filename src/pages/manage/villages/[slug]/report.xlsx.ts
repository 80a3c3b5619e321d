// GET …/report.xlsx: the village report's breakdowns as a .xlsx file (Chinese headers, 元 with
// two decimals). The village's managers and platform admins.
import type { APIRoute } from 'astro';
import writeXlsxFile from 'write-excel-file/node';
import { requireManagedVillage } from '../../../../modules/villages/access.server.ts';
import { toSheets, villageTables } from '../../../../modules/reports/export.ts';
import { periodFromQuery } from '../../../../modules/reports/periods.ts';
import { villageReport } from '../../../../modules/reports/village-report.server.ts';
import { shanghaiDate } from '../../../../lib/dates.ts';

export const prerender = false;
export const GET: APIRoute = async (context) => {
  const db = context.locals.db;
  const village = await requireManagedVillage(db, context.locals, context.params.slug ?? '');
  const { period } = periodFromQuery(context.url.searchParams, shanghaiDate(new Date()));
  const report = await villageReport(db, village.id, period);
  const name = encodeURIComponent(`${village.name}-${period.key}-消费帮扶统计.xlsx`);
  const buffer = await writeXlsxFile(toSheets(villageTables(report))).toBuffer();
  return new Response(new Uint8Array(buffer), {
    headers: {
      'content-disposition': `attachment; filename*=UTF-8''${name}`,
      'cache-control': 'private, no-store',
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  });
};
