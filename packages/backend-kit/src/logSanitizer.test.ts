import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  capLength,
  escapeControlCharacters,
  MAX_LOG_VALUE_LENGTH,
  redactTokens,
  SanitizingLogger,
  sanitizeLogString,
  sanitizeLogValue,
} from './logSanitizer';

const JWT =
  'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyOmRlZmF1bHQvYWxpY2UifQ.c2lnbmF0dXJl';

describe('escapeControlCharacters', () => {
  it.each([
    ['plain text', 'plain text'],
    ['a\nb', 'a\\nb'],
    ['a\r\nb', 'a\\r\\nb'],
    ['tab\there', 'tab\\there'],
    ['\u001b[31mred', '\\u001b[31mred'],
    ['nul\u0000', 'nul\\u0000'],
    ['del\u007f c1\u0085', 'del\\u007f c1\\u0085'],
    ['line\u2028sep\u2029', 'line\\u2028sep\\u2029'],
    ['ünïcödé ✓', 'ünïcödé ✓'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeControlCharacters(input)).toBe(expected);
  });
});

describe('redactTokens', () => {
  it.each([
    ['Authorization: Bearer abc.def-123', 'Authorization: Bearer [REDACTED]'],
    ['basic dXNlcjpwYXNz', 'basic [REDACTED]'],
    [`token ${JWT} here`, 'token [REDACTED] here'],
    ['/api/x?token=s3cr3t&limit=5', '/api/x?token=[REDACTED]&limit=5'],
    [
      '?access_token=a1&id_token=b2',
      '?access_token=[REDACTED]&id_token=[REDACTED]',
    ],
    ['/callback?code=xyz&state=1', '/callback?code=[REDACTED]&state=1'],
    ['client_secret=hunter2', 'client_secret=[REDACTED]'],
    ['nothing secret here', 'nothing secret here'],
  ])('%j -> %j', (input, expected) => {
    expect(redactTokens(input)).toBe(expected);
  });

  it('redacts configured secrets by value', () => {
    expect(
      redactTokens('webhook token is supersecretvalue!', ['supersecretvalue']),
    ).toBe('webhook token is [REDACTED]!');
  });
});

describe('capLength', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['0123456789abc', 10, '0123456789…[3 more characters]'],
  ])('%j capped at %d', (input, max, expected) => {
    expect(capLength(input, max)).toBe(expected);
  });
});

describe('sanitizeLogString', () => {
  it('redacts before capping, so a cut never leaves part of a token', () => {
    const value = `${'x'.repeat(MAX_LOG_VALUE_LENGTH - 40)} Bearer ${'t'.repeat(
      50,
    )}`;
    const result = sanitizeLogString(value);
    expect(result).not.toContain('ttttt');
    expect(result).toContain('[REDACTED]');
  });

  it('keeps 1 MB values to a bounded line', () => {
    const result = sanitizeLogString('a'.repeat(1024 * 1024));
    expect(result.length).toBeLessThan(MAX_LOG_VALUE_LENGTH + 50);
    expect(result).toMatch(/…\[1046528 more characters\]$/);
  });
});

describe('sanitizeLogValue', () => {
  it('sanitizes nested fields, keys included', () => {
    expect(
      sanitizeLogValue({
        groupKey: '{}:{alertname="x"}\nFAKE level=error forged line',
        'k\ney': 1,
        nested: { list: ['Bearer abc', 2, null], ok: true },
      }),
    ).toEqual({
      groupKey: '{}:{alertname="x"}\\nFAKE level=error forged line',
      'k\\ney': 1,
      nested: { list: ['Bearer [REDACTED]', 2, null], ok: true },
    });
  });

  it('keeps errors as errors, message and stack sanitized', () => {
    const error = new Error(`bad token=${'s'.repeat(10)}\nsecond line`);
    const result = sanitizeLogValue(error) as Error;
    expect(result).toBeInstanceOf(Error);
    expect(result.message).toBe('bad token=[REDACTED]\\nsecond line');
    expect(result.stack).not.toContain('\n');
  });

  it('bounds depth and size', () => {
    let deep: object = { leaf: 1 };
    for (let i = 0; i < 10; i++) deep = { deep };
    expect(JSON.stringify(sanitizeLogValue(deep))).toContain('nested too deep');
    const many = sanitizeLogValue(Array.from({ length: 60 }, (_, i) => i));
    expect(many).toHaveLength(51);
  });
});

describe('SanitizingLogger', () => {
  function recorder() {
    const lines: Array<{ level: string; message: string; meta?: unknown }> = [];
    const make = (base: object): LoggerService => ({
      error: (message, meta) => lines.push({ level: 'error', message, meta }),
      warn: (message, meta) => lines.push({ level: 'warn', message, meta }),
      info: (message, meta) =>
        lines.push({ level: 'info', message, meta: { ...base, ...meta } }),
      debug: (message, meta) => lines.push({ level: 'debug', message, meta }),
      child: meta => make({ ...base, ...meta }),
    });
    return { lines, logger: make({}) };
  }

  it('the forged groupKey stays on one line, with no token', () => {
    const { lines, logger } = recorder();
    const log = new SanitizingLogger(logger);
    log.child({ plugin: 'incidents' }).info('alert group received', {
      groupKey: 'g\n2026-12-01T00:00:00.000Z incidents error forged',
      url: `/api/incidents/x?token=abc`,
      authorization: `Bearer ${JWT}`,
    });
    expect(lines).toEqual([
      {
        level: 'info',
        message: 'alert group received',
        meta: {
          plugin: 'incidents',
          groupKey: 'g\\n2026-12-01T00:00:00.000Z incidents error forged',
          url: '/api/incidents/x?token=[REDACTED]',
          authorization: 'Bearer [REDACTED]',
        },
      },
    ]);
  });

  it('a 1 MB value is capped and configured secrets never appear', () => {
    const { lines, logger } = recorder();
    const log = new SanitizingLogger(logger);
    log.addRedactions(['the-webhook-token-123', 'short']);
    log.warn(`rejected the-webhook-token-123 ${'v'.repeat(1024 * 1024)}`);
    expect(lines[0].message.length).toBeLessThan(MAX_LOG_VALUE_LENGTH + 50);
    expect(lines[0].message).toMatch(/^rejected \[REDACTED\] v+…\[\d+ more/);
    // Values shorter than 8 characters are not redacted (ordinary words).
    log.error('a short word');
    expect(lines[1].message).toBe('a short word');
  });
});
