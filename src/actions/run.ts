// Runs one domain call for an action and turns expected refusals into
// ActionErrors whose message is an `errors` dictionary key.
import { ActionError } from 'astro:actions';
import { isDatabaseUnavailable } from '../lib/db-errors.ts';
import { AccessError, DomainError } from '../lib/errors.ts';

const codes = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
} as const;

export async function run<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError) throw new ActionError({ code: codes[error.status], message: error.field ? `${error.field}:${error.key}` : error.key });
    if (error instanceof AccessError) throw new ActionError({ code: codes[error.status], message: error.status === 401 ? 'sign_in_required' : 'forbidden' });
    if (error instanceof ActionError) throw error;
    if (isDatabaseUnavailable(error)) throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: 'server_busy' });
    // Anything else is our fault: log it here, and tell the person only that it
    // failed — Astro would otherwise pass the message (SQL and parameters included) on.
    console.error('action failed:', error);
    throw new ActionError({ code: 'INTERNAL_SERVER_ERROR', message: 'server_error' });
  }
}
