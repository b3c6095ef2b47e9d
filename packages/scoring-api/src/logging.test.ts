// Files under the test's own temporary directory.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { readConfig } from './config';
import { createServiceLogger, loggerOptions } from './logging';
import { ServiceMetrics } from './metrics';
import { RunningService, startService } from './service';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const PARENT = 'b7ad6b7169203331';
const ADMIN_TOKEN = 'test-admin-token';

/** A pino destination keeping each JSON line, parsed. */
function memoryStream() {
  const lines: Array<Record<string, any>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { lines, stream };
}

describe('the scoring API request log', () => {
  const config = readConfig({
    SCORING_PORT: '0',
    SCORING_REDIS_URL: 'none',
    // Far above a request's time on a loaded machine (a first request once
    // took over 50 ms in CI and logged "slow request"); the slow-request
    // test injects more latency than this.
    SCORING_SLOW_REQUEST_MS: '1000',
    VIGIL_SCORING_ADMIN_TOKEN: ADMIN_TOKEN,
    LOG_LEVEL: 'debug',
  });
  const { lines, stream } = memoryStream();
  let service: RunningService;

  beforeAll(async () => {
    service = await startService(config, {
      logger: pino(loggerOptions(config), stream),
      metrics: new ServiceMetrics({ collectDefaults: false }),
    });
  });

  afterAll(async () => {
    await service.shutdown('test done');
  });

  beforeEach(() => {
    lines.length = 0;
    service.faults.clear();
  });

  const requestLine = (requestId: string) =>
    lines.find(l => l.request_id === requestId && l.route !== undefined);

  it('echoes a well-formed x-request-id and logs the caller trace', async () => {
    const res = await request(service.url)
      .post('/v1/score')
      .set('x-request-id', 'req-abc-1')
      .set('traceparent', `00-${TRACE}-${PARENT}-01`)
      .send({ customerId: 'c-00001', amount: 10, currency: 'EUR' })
      .expect(200);
    expect(res.headers['x-request-id']).toBe('req-abc-1');
    const line = requestLine('req-abc-1');
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      service: 'scoring-api',
      trace_id: TRACE,
      parent_span_id: PARENT,
      method: 'POST',
      route: '/v1/score',
      status: '200',
      path: '/v1/score',
    });
    expect(line!.span_id).toMatch(/^[0-9a-f]{16}$/);
    expect(line!.durationMs).toEqual(expect.any(Number));
    expect(new Date(line!.time).toISOString()).toBe(line!.time);
  });

  it('replaces a malformed request id and starts a trace', async () => {
    const res = await request(service.url)
      .get('/v1/features/c-00002')
      .set('x-request-id', 'evil\tid')
      .expect(200);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = requestLine(id);
    expect(line?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(line?.parent_span_id).toBeUndefined();
  });

  it('logs a slow request at warn with its duration and the threshold', async () => {
    service.faults.update({ latencyMs: 1100 });
    const res = await request(service.url)
      .post('/v1/score')
      .send({ customerId: 'c-00003', amount: 10, currency: 'EUR' })
      .expect(200);
    const line = requestLine(res.headers['x-request-id']);
    expect(line).toMatchObject({
      level: 'warn',
      msg: 'slow request',
      route: '/v1/score',
      slowRequestMs: 1000,
    });
    expect(line!.durationMs).toBeGreaterThan(1000);
  });

  it('puts the request id on the lines a request logs besides its own', async () => {
    const res = await request(service.url)
      .patch('/admin/faults')
      .set('authorization', `Bearer ${ADMIN_TOKEN}`)
      .set('x-request-id', 'admin-change-1')
      .send({ errorRate: 0 })
      .expect(200);
    expect(res.headers['x-request-id']).toBe('admin-change-1');
    expect(lines.find(l => l.msg === 'fault settings changed')).toMatchObject({
      request_id: 'admin-change-1',
      level: 'warn',
    });
  });

  it('logs probes at debug only', async () => {
    const res = await request(service.url).get('/healthz').expect(200);
    expect(requestLine(res.headers['x-request-id'])?.level).toBe('debug');
  });
});

describe('the scoring API log file', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoring-logs-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const filesIn = (d: string) => fs.readdirSync(d).sort();

  it('writes JSON lines beside stdout and rotates by size, keeping SCORING_LOG_FILES', async () => {
    const config = readConfig({
      SCORING_LOG_DIR: path.join(dir, 'json'),
      SCORING_LOG_MAX_SIZE: '1k',
      SCORING_LOG_FILES: '2',
      SCORING_COLOR: 'blue',
    });
    const { stream } = memoryStream();
    const service = await createServiceLogger(config, stream);
    expect(service.file).toBe(path.join(dir, 'json', 'scoring-blue.1.json'));
    for (let i = 0; i < 40; i++) {
      service.logger.info({ i, padding: 'x'.repeat(100) }, 'line');
      // Rotation happens once the stream drained a write.
      await new Promise(r => setTimeout(r, 2));
    }
    await service.close();
    const files = filesIn(path.join(dir, 'json'));
    // The current file and at most two older ones.
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(3);
    for (const file of files) expect(file).toMatch(/^scoring-blue\.\d+\.json$/);
    // In rotation order (the newest may be empty yet): every line is JSON.
    const byNumber = (f: string) => Number(f.split('.')[1]);
    const lines = files
      .sort((a, b) => byNumber(a) - byNumber(b))
      .flatMap(f =>
        fs.readFileSync(path.join(dir, 'json', f), 'utf8').split('\n'),
      )
      .filter(Boolean)
      .map(l => JSON.parse(l));
    const last = lines;
    expect(last[last.length - 1]).toMatchObject({
      level: 'info',
      msg: 'line',
      i: 39,
      service: 'scoring-api',
      color: 'blue',
      hostname: os.hostname(),
    });
  });

  it('reads the rotation settings and refuses bad ones', () => {
    expect(readConfig({}).logFile).toBeUndefined();
    expect(readConfig({}).slowRequestMs).toBe(500);
    expect(readConfig({ SCORING_LOG_DIR: '/var/log/scoring' }).logFile).toEqual(
      {
        dir: '/var/log/scoring',
        maxSize: '10m',
        frequency: 'daily',
        keep: 7,
      },
    );
    expect(
      readConfig({ SCORING_LOG_DIR: '/x', SCORING_LOG_FREQUENCY: '60000' })
        .logFile?.frequency,
    ).toBe(60000);
    expect(() => readConfig({ SCORING_LOG_MAX_SIZE: '10 MB' })).toThrow(
      /SCORING_LOG_MAX_SIZE/,
    );
    expect(() => readConfig({ SCORING_LOG_FREQUENCY: 'weekly' })).toThrow(
      /SCORING_LOG_FREQUENCY/,
    );
    expect(() => readConfig({ SCORING_SLOW_REQUEST_MS: '0' })).toThrow(
      /SCORING_SLOW_REQUEST_MS/,
    );
  });
});
