// Telling "the database is away" from a bug.
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './db-errors.ts';

describe('isDatabaseUnavailable', () => {
  it('knows network failures and PostgreSQL shutting down or refusing connections, even wrapped', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Failed query', { cause: Object.assign(new Error('y'), { code: 'CONNECTION_CLOSED' }) }))).toBe(true);
  });
  it('leaves bugs and constraint violations alone', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('undefined is not a function'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe('sqlState', () => {
  it('finds the SQLSTATE under the wrappers, and nothing in other errors', async () => {
    const { sqlState } = await import('./db-errors.ts');
    expect(sqlState(new Error('Failed query', { cause: Object.assign(new Error('fk'), { code: '23503' }) }))).toBe('23503');
    expect(sqlState(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBeNull();
    expect(sqlState(undefined)).toBeNull();
  });
});
