// The JSON shapes of /api/v1/reports, one zod schema each; the OpenAPI document
// is generated from these same schemas. Money is a string of integer 分 (JSON
// numbers cannot hold every bigint) plus the same amount in 元 with two decimals.
import { z } from 'zod';

export const Money = z
  .object({ fen: z.string().regex(/^-?\d+$/), yuan: z.string().regex(/^-?\d+\.\d{2}$/) })
  .meta({ id: 'Money', description: '金额：fen 为整数分（字符串），yuan 为两位小数的元' });
export const PeriodOut = z
  .object({ key: z.string(), kind: z.enum(['month', 'quarter', 'half', 'year', 'custom']), from: z.string(), until: z.string().describe('the day after the last day') })
  .meta({ id: 'Period' });
const Channels = z.object({ personal: Money, unit_purchase: Money, staff_purchase: Money, brokered: Money });

export const ReportQuery = z.strictObject({
  period: z
    .string()
    .regex(/^\d{4}(?:-(?:H[12]|Q[1-4]|(?:0[1-9]|1[0-2])))?$/)
    .optional()
    .describe('A year (2026), half-year (2026-H1), quarter (2026-Q3) or month (2026-11); this year when neither it nor from/to is given.'),
  from: z.iso.date().optional().describe('First day of a custom period (with `to`), YYYY-MM-DD, Asia/Shanghai.'),
  to: z.iso.date().optional().describe('Last day of a custom period (with `from`), inclusive, YYYY-MM-DD; at most 366 days after `from`.'),
});

export const VillageReportOut = z
  .object({
    village: z.object({ id: z.number().int(), slug: z.string(), name: z.string() }),
    period: PeriodOut,
    total: Money,
    byChannel: Channels,
    byProduct: z.array(z.object({ productId: z.number().int(), name: z.string(), amount: Money, quantity: z.string(), saleUnit: z.string(), jin: z.string() })),
    byUnit: z.array(z.object({ unitId: z.number().int(), name: z.string(), amount: Money })),
    trend: z.array(z.object({ month: z.string(), amount: Money })),
    orders: z.number().int(),
    buyers: z.number().int(),
    households: z.object({ households: z.number().int(), lifted: z.number().int(), monitored: z.number().int() }),
    lastYear: z.object({ period: PeriodOut, total: Money }),
    paragraph: z.string(),
  })
  .meta({ id: 'VillageReport' });

export const UnitReportOut = z
  .object({
    unit: z.object({ id: z.number().int(), name: z.string() }),
    period: PeriodOut,
    total: Money,
    byChannel: Channels,
    byVillage: z.array(z.object({ villageId: z.number().int(), name: z.string(), amount: Money })),
    subUnits: z.array(z.object({ id: z.number().int(), name: z.string(), amount: Money })),
    targets: z.array(z.object({ name: z.string(), kind: z.string(), target: Money, done: Money, projected: Money, reaches: z.boolean() })),
    paragraph: z.string(),
  })
  .meta({ id: 'UnitReport' });

export const PlatformReportOut = z
  .object({
    period: PeriodOut,
    total: Money,
    villages: z.array(z.object({ id: z.number().int(), name: z.string(), province: z.string(), amount: Money })),
    units: z.array(z.object({ id: z.number().int(), name: z.string(), amount: Money })),
    provinces: z.array(z.object({ province: z.string(), amount: Money })),
    categories: z.array(z.object({ id: z.number().int(), name: z.string(), amount: Money })),
  })
  .meta({ id: 'PlatformReport' });

export const ApiError = z
  .object({ error: z.object({ code: z.string(), message: z.string(), requestId: z.string().optional().describe('On a 500: the id to quote when reporting it.') }) })
  .meta({ id: 'Error' });
