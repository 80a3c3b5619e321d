// Runs one domain call for an action and turns expected refusals into
// ActionErrors whose message is an `errors` dictionary key.
import { ActionError } from 'astro:actions';
import { isDatabaseUnavailable, sqlState } from '../lib/db-errors.ts';
import { AccessError, DomainError } from '../lib/errors.ts';
import { log } from '../lib/log.ts';

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
    // Input that names a row that does not exist (a foreign key) or a number past a column's range is
    // still bad input: a platform admin passes the guards for any id, so the database is the last check.
    const state = sqlState(error);
    if (state === '23503') throw new ActionError({ code: 'NOT_FOUND', message: 'not_found' });
    if (state === '22003' || state === '22P02') throw new ActionError({ code: 'BAD_REQUEST', message: 'invalid' });
    // Anything else is our fault: log it here, and tell the person only that it
    // failed — Astro would otherwise pass the message (SQL and parameters included) on.
    log.error({ err: error }, 'action failed');
    throw new ActionError({ code: 'INTERNAL_SERVER_ERROR', message: 'server_error' });
  }
}
