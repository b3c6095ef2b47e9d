// Files under the test's own temporary directory.
/* eslint-disable security/detect-non-literal-fs-filename */
import { ConfigReader } from '@backstage/config';
import {
  mockServices,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLogFileSettings } from './logFile';
import {
  logRequestContextFrom,
  logRequestContextMiddleware,
  runWithLogRequestContext,
} from './requestContext';
import { createRootLoggerServiceFactory } from './rootLogger';

const TRACE = '0af7651916cd43dd8448eb211c80319c';

/** Every JSON line of the files in `dir`, oldest file first. */
function linesIn(dir: string): Array<Record<string, any>> {
  const number = (f: string) => Number(f.split('.').slice(-2)[0]);
  return fs
    .readdirSync(dir)
    .sort((a, b) => number(a) - number(b))
    .flatMap(f => fs.readFileSync(path.join(dir, f), 'utf8').split('\n'))
    .filter(Boolean)
    .map(line => JSON.parse(line));
}

/** Waits until the file transport has written what `written` looks for (a loaded machine flushes late). */
async function settle(written: () => boolean) {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      if (written()) return;
    } catch {
      // Not written yet: no file, or a line still half written.
    }
    if (Date.now() > deadline) return;
    await new Promise(r => setTimeout(r, 20));
  }
}

describe('the root logger JSON log file', () => {
  let dir: string;
  const env = { ...process.env };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-logs-'));
    // The console transport's output is not under test here.
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    process.env = { ...env };
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function rootLogger(file: object) {
    process.env.VIGIL_TEST_TOKEN = 'env-token-0123456';
    return ServiceFactoryTester.from(
      createRootLoggerServiceFactory({ secretEnv: ['VIGIL_TEST_TOKEN'] }),
      {
        dependencies: [
          mockServices.rootConfig.factory({
            data: {
              backend: {
                listen: ':7123',
                auth: { keys: [{ secret: 'config-secret-4567' }] },
              },
              vigil: { logging: { file } },
            },
          }),
        ],
      },
    ).getSubject();
  }

  it('writes JSON lines with service vigil, the level and request context', async () => {
    const logger = await rootLogger({
      path: path.join(dir, 'vigil-{port}.json'),
    });
    const context = logRequestContextFrom({
      requestId: 'req-42',
      traceparent: `00-${TRACE}-b7ad6b7169203331-01`,
    });
    runWithLogRequestContext(context, () =>
      logger.child({ plugin: 'incidents' }).warn('alert group received', {
        groupKey: 'g1',
      }),
    );
    logger.error('outside a request');
    await settle(() =>
      linesIn(dir).some(line => line.message === 'outside a request'),
    );
    expect(fs.readdirSync(dir)).toEqual(['vigil-7123.1.json']);
    const lines = linesIn(dir);
    const warn = lines.find(l => l.message === 'alert group received');
    expect(warn).toMatchObject({
      level: 'warn',
      service: 'vigil',
      plugin: 'incidents',
      groupKey: 'g1',
      request_id: 'req-42',
      trace_id: TRACE,
      span_id: context.spanId,
    });
    expect(new Date(warn!.timestamp).toISOString()).toBe(warn!.timestamp);
    const error = lines.find(l => l.message === 'outside a request');
    expect(error).toMatchObject({ level: 'error', service: 'vigil' });
    expect(error!.request_id).toBeUndefined();
  });

  it('never writes tokens or secrets to the file', async () => {
    const logger = await rootLogger({ path: path.join(dir, 'vigil.json') });
    logger.info(
      'GET /x?token=abc123 env-token-0123456 config-secret-4567 Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln',
      { detail: 'env-token-0123456' },
    );
    await settle(() =>
      fs
        .readFileSync(path.join(dir, 'vigil.1.json'), 'utf8')
        .includes('GET /x'),
    );
    const text = fs.readFileSync(path.join(dir, 'vigil.1.json'), 'utf8');
    expect(text).toContain('GET /x');
    expect(text).not.toMatch(/abc123|env-token|config-secret|eyJ/);
  });

  it('rotates by size and keeps maxFiles older files', async () => {
    const logger = await rootLogger({
      path: path.join(dir, 'vigil.json'),
      maxSize: '1k',
      maxFiles: 2,
    });
    for (let i = 0; i < 40; i++) {
      logger.info(`line ${i}`, { padding: 'x'.repeat(100) });
      await new Promise(r => setTimeout(r, 2));
    }
    await settle(() => linesIn(dir).at(-1)?.message === 'line 39');
    const files = fs.readdirSync(dir);
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(3);
    const lines = linesIn(dir);
    expect(lines[lines.length - 1].message).toBe('line 39');
  });
});

describe('readLogFileSettings', () => {
  const read = (
    file: object | undefined,
    listen: string | { port: number } = ':7007',
  ) =>
    readLogFileSettings(
      new ConfigReader({
        backend: { listen },
        ...(file ? { vigil: { logging: { file } } } : {}),
      }),
    );

  it('is off without a path and has defaults with one', () => {
    expect(read(undefined)).toBeUndefined();
    expect(
      read({ path: '/var/log/vigil/backend-{port}.json' }, ':7101'),
    ).toEqual({
      path: '/var/log/vigil/backend-7101.json',
      maxSize: '10m',
      frequency: 'daily',
      maxFiles: 7,
      service: 'vigil',
    });
    expect(read({ path: '/l/b-{port}.json' }, { port: 7102 })?.path).toBe(
      '/l/b-7102.json',
    );
  });

  it.each([
    [{ path: '/x.json', maxSize: '10 MB' }, /maxSize/],
    [{ path: '/x.json', frequency: 'weekly' }, /frequency/],
    [{ path: '/x.json', frequency: 10 }, /frequency/],
    [{ path: '/x.json', maxFiles: 0 }, /maxFiles/],
  ])('refuses %j', (file, message) => {
    expect(() => read(file)).toThrow(message);
  });
});

describe('logRequestContextMiddleware', () => {
  it('echoes a well-formed request id and replaces a bad one', () => {
    const middleware = logRequestContextMiddleware();
    const run = (headers: Record<string, string>) => {
      const set: Record<string, string> = {};
      middleware(
        { get: name => headers[name] },
        { setHeader: (name, value) => (set[name] = value) },
        () => undefined,
      );
      return set['x-request-id'];
    };
    expect(run({ 'x-request-id': 'abc-1' })).toBe('abc-1');
    expect(run({ 'x-request-id': 'a b\nforged' })).toMatch(/^[0-9a-f-]{36}$/);
    expect(run({})).toMatch(/^[0-9a-f-]{36}$/);
  });
});
