// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the
// handlers use (zod 4's JSON Schema output), so the two cannot drift apart.
import { z } from 'zod';
import { ApiError, PlatformReportOut, ReportQuery, UnitReportOut, VillageReportOut } from './report-schemas.ts';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const errors = Object.fromEntries(
  [
    ['400', 'The query is not a period this API knows (see the parameters).'],
    ['401', 'No session and no Authorization header, or a token that is unknown or revoked.'],
    ['403', 'The caller may not see this report.'],
    ['404', 'No such village or unit.'],
    ['405', 'A method other than GET.'],
    ['500', 'Something failed on the server; the body names the request to quote.'],
  ].map(([code, description]) => [code, { description, content: { 'application/json': { schema: ref('Error') } } }]),
);
/** Each query parameter with its format, from the same zod schema the handlers parse. */
const query = Object.entries(ReportQuery.shape).map(([name, schema]) => {
  const { description: inner, ...format } = z.toJSONSchema(schema.unwrap(), { io: 'input' }) as { description?: string };
  delete (format as Record<string, unknown>).$schema;
  return { name, in: 'query', required: false, description: schema.description ?? inner, schema: format };
});
const idParam = (what: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description: `The ${what}'s id.`,
  schema: { type: 'integer', minimum: 1, maximum: 2_147_483_647 },
});
const op = (operationId: string, summary: string, description: string, schema: string, params: object[]) => ({
  get: {
    operationId,
    summary,
    description,
    tags: ['reports'],
    parameters: params,
    responses: { '200': { description: 'The figures of the period.', content: { 'application/json': { schema: ref(schema) } } }, ...errors },
  },
});

export function openApiDocument(serverUrl: string) {
  // Schemas with a meta id become named components; the wrapper object only carries them.
  const json = z.toJSONSchema(z.object({ v: VillageReportOut, u: UnitReportOut, p: PlatformReportOut, e: ApiError }), { io: 'output' });
  const schemas = JSON.parse(JSON.stringify(json.$defs ?? {}).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<string, unknown>;
  return {
    openapi: '3.1.0',
    info: {
      title: '帮扶集市 Bangfu Market — reports API',
      version: '1',
      description:
        'Consumption-assistance figures, summed from the assistance ledger. Auth: a signed-in session, or a unit API token (Authorization: Bearer bfu_…) for that unit and its sub-units. Money is integer 分 as a string, with the same amount in 元. Errors are JSON: { error: { code, message } }, in English with Accept-Language: en.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: serverUrl }],
    tags: [{ name: 'reports', description: 'Figures per village, unit and platform, for any period.' }],
    components: {
      schemas,
      securitySchemes: {
        unitToken: { type: 'http', scheme: 'bearer', description: 'Created by a unit admin on the unit report page' },
        session: { type: 'apiKey', in: 'cookie', name: 'bangfu_session' },
      },
    },
    security: [{ unitToken: [] }, { session: [] }],
    paths: {
      '/api/v1/reports/villages/{id}': op(
        'getVillageReport',
        'A village’s figures',
        'Totals by channel, product, unit and producer, orders, buyers, households helped, the monthly trend and the drafted paragraph. For the village’s managers and platform admins (a unit token is refused).',
        'VillageReport',
        [idParam('village'), ...query],
      ),
      '/api/v1/reports/units/{id}': op(
        'getUnitReport',
        'A unit’s figures',
        'Totals by channel and village, sub-units and annual targets with their pace. For the unit’s members and platform admins, or the token of the unit or of a unit above it.',
        'UnitReport',
        [idParam('unit'), ...query],
      ),
      '/api/v1/reports/platform': op(
        'getPlatformReport',
        'The whole platform’s figures',
        'Villages and units ranked, totals by province and category. For platform admins only (a unit token is refused).',
        'PlatformReport',
        query,
      ),
    },
  };
}
