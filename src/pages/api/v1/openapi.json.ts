// The OpenAPI document of /api/v1, generated from the handlers' zod schemas.
import type { APIRoute } from 'astro';
import { onlyGet } from '../../../modules/api/answer.server.ts';
import { openApiDocument } from '../../../modules/api/openapi.ts';
import { env } from '../../../lib/env.ts';

export const prerender = false;
export const GET: APIRoute = () => Response.json(openApiDocument(env.SITE_URL), { headers: { 'cache-control': 'public, max-age=300' } });
export const ALL: APIRoute = onlyGet;
