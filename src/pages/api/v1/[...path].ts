// Any other address under /api/v1: a JSON 404 (not the HTML page a browser gets), any method.
import type { APIRoute } from 'astro';
import { apiError } from '../../../modules/api/answer.server.ts';

export const prerender = false;
export const ALL: APIRoute = ({ request }) => apiError(request, 'not_found');
