// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the
// handlers use (zod 4's JSON Schema output), so the two cannot drift apart.
import { z } from 'zod';
import { ApiError, PlatformReportOut, ReportQuery, UnitReportOut, VillageReportOut } from './report-schemas.ts';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const errors = Object.fromEntries(
  [
    ['400', 'Bad query'],
    ['401', 'No session and no valid token'],
    ['403', 'Not allowed for this caller'],
    ['404', 'Not found'],
  ].map(([code, description]) => [code, { description, content: { 'application/json': { schema: ref('Error') } } }]),
);
const query = Object.entries(ReportQuery.shape).map(([name, schema]) => ({ name, in: 'query', required: false, description: schema.description, schema: { type: 'string' } }));
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
const op = (summary: string, schema: string, params: object[]) => ({
  get: { summary, parameters: params, responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref(schema) } } }, ...errors } },
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
      description: 'Consumption-assistance figures. Auth: a signed-in session, or a unit API token (Authorization: Bearer bfu_…) for that unit and its sub-units.',
    },
    servers: [{ url: serverUrl }],
    components: {
      schemas,
      securitySchemes: {
        unitToken: { type: 'http', scheme: 'bearer', description: 'Created by a unit admin on the unit report page' },
        session: { type: 'apiKey', in: 'cookie', name: 'bangfu_session' },
      },
    },
    security: [{ unitToken: [] }, { session: [] }],
    paths: {
      '/api/v1/reports/villages/{id}': op('A village’s figures (its managers, admins)', 'VillageReport', [idParam, ...query]),
      '/api/v1/reports/units/{id}': op('A unit’s figures (its members or its token; parents see sub-units)', 'UnitReport', [idParam, ...query]),
      '/api/v1/reports/platform': op('The whole platform (admins)', 'PlatformReport', query),
    },
  };
}
