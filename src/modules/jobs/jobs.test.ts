import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorOutput, failureMessage, jobOutput, queueOptions, RETRY_DELAY_MAX_SECONDS } from './jobs.ts';

describe('queueOptions', () => {
  it('gives a scheduled job a stately queue (one queued, one running) and others a standard one, with the defaults', () => {
    expect(queueOptions({ schedule: '* * * * *', retryLimit: 0, run: async () => {} })).toEqual({
      policy: 'stately',
      retryLimit: 0,
      retryDelay: 10,
      retryBackoff: false,
      expireInSeconds: 300,
    });
    expect(queueOptions({ data: z.object({ id: z.number() }), retryLimit: 8, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 120, run: async () => {} })).toEqual({
      policy: 'standard',
      retryLimit: 8,
      retryDelay: 30,
      retryBackoff: true,
      retryDelayMax: RETRY_DELAY_MAX_SECONDS,
      expireInSeconds: 120,
    });
  });
});

describe('job outputs', () => {
  it('stores objects as they are, other values as { value }, and 分 as strings', () => {
    expect(jobOutput(undefined)).toBeNull();
    expect(jobOutput(3)).toEqual({ value: 3 });
    expect(jobOutput('kept')).toEqual({ value: 'kept' });
    expect(jobOutput([1, 2])).toEqual({ value: [1, 2] });
    expect(jobOutput({ refundedFen: 2790n, at: new Date('2026-01-01T00:00:00Z') })).toEqual({ refundedFen: '2790', at: '2026-01-01T00:00:00.000Z' });
  });

  it('reads the message of our failures, pg-boss timeouts, and anything else', () => {
    const failure = errorOutput(new TypeError('smtp said no'));
    expect(failure).toMatchObject({ name: 'TypeError', message: 'smtp said no' });
    expect(failureMessage(failure)).toBe('smtp said no');
    expect(failureMessage(errorOutput('plain string'))).toBe('plain string');
    expect(failureMessage({ value: { message: 'job timed out' } })).toBe('job timed out');
    expect(failureMessage({ value: 'gone' })).toBe('gone');
    expect(failureMessage({ code: 42 })).toBe('{"code":42}');
    expect(failureMessage(null)).toBe('');
  });
});
