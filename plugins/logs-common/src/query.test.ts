import { levelRank } from './levels';
import { logsTabPath } from './links';
import { logServiceOf } from './annotations';
import {
  logSearchQuerySchema,
  logTailQuerySchema,
  resolveWindow,
} from './query';

describe('logSearchQuerySchema', () => {
  it.each([
    [{}, true],
    [{ q: 'slow request', level: 'warn', limit: '500' }, true],
    [{ from: '2026-12-01T00:00:00Z', to: '2026-12-31T00:00:00Z' }, true],
    [
      { requestId: 'req-1:a.b_c', traceId: '0af7651916cd43dd8448eb211c80319c' },
      true,
    ],
    [{ cursor: 'eyJ0IjoiMjAyNiJ9' }, true],
    [{ limit: '0' }, false],
    [{ limit: '501' }, false],
    [{ limit: '1e2' }, false],
    [{ level: 'verbose' }, false],
    [{ q: 'x'.repeat(201) }, false],
    [{ q: '   ' }, false],
    [{ requestId: 'a b' }, false],
    [{ requestId: 'x'.repeat(129) }, false],
    [{ cursor: 'not/a+cursor=' }, false],
    [{ from: 'yesterday' }, false],
    [{ from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' }, false],
    [{ from: '2026-11-01T00:00:00Z', to: '2026-12-02T00:00:01Z' }, false],
    [{ colour: 'blue' }, false],
  ])('%j valid: %s', (query, valid) => {
    expect(logSearchQuerySchema.safeParse(query).success).toBe(valid);
  });

  it('defaults the limit to 100', () => {
    expect(logSearchQuerySchema.parse({}).limit).toBe(100);
  });
});

describe('logTailQuerySchema', () => {
  it.each([
    [{}, true],
    [{ after: 'abc_-1', level: 'error', limit: 200 }, true],
    [{ from: '2026-12-01T00:00:00Z' }, false],
    [{ after: '' }, false],
  ])('%j valid: %s', (query, valid) => {
    expect(logTailQuerySchema.safeParse(query).success).toBe(valid);
  });
});

describe('resolveWindow', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  it.each([
    [{}, { from: now - 3_600_000, to: now }],
    [
      { to: '2026-12-01T10:00:00Z' },
      { from: now - 3 * 3_600_000, to: now - 2 * 3_600_000 },
    ],
    [{ from: '2026-12-01T11:30:00Z' }, { from: now - 1_800_000, to: now }],
    [{ from: '2026-12-01T13:00:00Z' }, { error: 'to: must be after from' }],
    [
      { from: '2026-10-01T00:00:00Z' },
      { error: 'to: must be at most 31 days after from' },
    ],
  ])('%j -> %j', (query, expected) => {
    expect(resolveWindow(query, now)).toEqual(expected);
  });
});

describe('levelRank', () => {
  it.each([
    ['trace', 10],
    ['debug', 20],
    ['info', 30],
    ['warn', 40],
    ['error', 50],
    ['fatal', 60],
    ['notice', 30],
  ])('%s -> %d', (level, rank) => expect(levelRank(level)).toBe(rank));
});

describe('logsTabPath', () => {
  it.each([
    [
      { kind: 'Component', name: 'scoring-api' },
      {},
      '/catalog/default/component/scoring-api/logs',
    ],
    [
      { kind: 'component', namespace: 'ops', name: 'vigil' },
      {
        from: '2026-12-01T10:00:00.000Z',
        to: '2026-12-01T11:00:00.000Z',
        level: 'warn' as const,
      },
      '/catalog/ops/component/vigil/logs?from=2026-12-01T10%3A00%3A00.000Z&to=2026-12-01T11%3A00%3A00.000Z&level=warn',
    ],
    [
      { kind: 'component', name: 'x' },
      { requestId: 'r1', q: '' },
      '/catalog/default/component/x/logs?requestId=r1',
    ],
  ])('%j %j -> %s', (entity, filters, path) => {
    expect(logsTabPath(entity, filters)).toBe(path);
  });
});

describe('logServiceOf', () => {
  it.each([
    [{ name: 'scoring-api' }, 'scoring-api'],
    [
      { name: 'portal', annotations: { 'vigil.dev/log-service': 'vigil' } },
      'vigil',
    ],
    [
      { name: 'portal', annotations: { 'vigil.dev/log-service': '  ' } },
      'portal',
    ],
  ])('%j -> %s', (metadata, service) => {
    expect(logServiceOf({ metadata })).toBe(service);
  });
});
