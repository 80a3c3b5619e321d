import { describe, expect, it } from 'vitest';
import { createLogger, loggableUrl, withRequestId } from './log.ts';

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ write: (line: string) => lines.push(line) }) };
}

describe('the log', () => {
  it('writes one JSON line per entry, whatever control characters the text carries', () => {
    const { lines, logger } = capture();
    logger.warn({ url: '/signin?next=/\r\n{"level":60,"msg":"forged"}\u0000' }, 'odd\naddress');
    expect(lines).toHaveLength(1);
    expect(lines[0].slice(0, -1)).not.toMatch(/[\u0000-\u001f]/);
    const entry = JSON.parse(lines[0]);
    expect(entry.url).toBe('/signin?next=/\r\n{"level":60,"msg":"forged"}\u0000');
    expect(entry.msg).toBe('odd\naddress');
  });

  it('tags every line written while a request is served with its id', async () => {
    const { lines, logger } = capture();
    await withRequestId('abc123def456', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.error({ err: new Error('boom') }, 'failed');
    });
    logger.info('outside');
    expect(JSON.parse(lines[0])).toMatchObject({ reqId: 'abc123def456', msg: 'failed', err: { message: 'boom' } });
    expect(JSON.parse(lines[1]).reqId).toBeUndefined();
  });

  it('never holds the secrets links carry', () => {
    expect(loggableUrl('/reset-password?token=abc&x=1')).toBe('/reset-password?token=[redacted]&x=1');
    expect(loggableUrl('/join?code=XYZ')).toBe('/join?code=[redacted]');
    expect(loggableUrl('/orders/thanks?session_id=cs_test_1')).toBe('/orders/thanks?session_id=[redacted]');
    expect(loggableUrl('/en/group/tok_1/split?page=2')).toBe('/en/group/[redacted]/split?page=2');
    expect(loggableUrl(`/signin?next=${encodeURIComponent('/group/tok_2')}`)).toBe(`/signin?next=${encodeURIComponent('/group/[redacted]')}`);
    expect(loggableUrl('/signin?next=%E0%A4%A')).toBe('/signin?next=[unreadable]');
    expect(loggableUrl('/products?q=桃&page=2')).toBe('/products?q=桃&page=2');
    expect(loggableUrl(`/products?q=${'x'.repeat(5000)}`)).toHaveLength(2000);
  });
});
