/*
 * The log shipper end to end: a real rsyslogd with ops/rsyslog/vigil.conf
 * (rendered as ./vigil start renders it) follows JSON log files and inserts
 * their lines into the logs store's table, created by the logs backend's
 * own migration, in a PostgreSQL test database. PostgreSQL only: the store
 * is PostgreSQL (rsyslog's ompgsql); SQLite has no such shipper.
 */
// Files under the test's own temporary directory and the repository's.
/* eslint-disable security/detect-non-literal-fs-filename */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  mockServices,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { testDatabases } from '../testUtils';
import { createRootLoggerServiceFactory } from './rootLogger';
import { runWithLogRequestContext } from './requestContext';

const root = path.resolve(resolvePackagePath('@vigil/backend-kit'), '../..');
// The launcher's renderer (CommonJS, shared with ./vigil start and test.sh).
// eslint-disable-next-line security/detect-non-literal-require
const { writeRsyslogConfig } = require(path.join(
  root,
  'scripts/lib/rsyslog.cjs',
));
const migrations = path.join(root, 'plugins/logs-backend/migrations');

const databases = testDatabases();
const describeOnPostgres = databases.supports('POSTGRES_15')
  ? describe
  : describe.skip;

jest.setTimeout(60_000);

/** The libpq connection string of the test database knex is connected to. */
function conninfoOf(knex: Knex): string {
  const connection = knex.client.config.connection as Knex.PgConnectionConfig;
  const url = new URL(
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING!,
  );
  url.pathname = `/${connection.database}`;
  return url.toString();
}

async function waitForRows(
  knex: Knex,
  where: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
  count: number,
): Promise<any[]> {
  const deadline = Date.now() + 30_000;
  let rows: any[] = [];
  while (Date.now() < deadline) {
    rows = await where(knex('log_lines')).orderBy('id');
    if (rows.length >= count) return rows;
    await new Promise(r => setTimeout(r, 250));
  }
  return rows;
}

describeOnPostgres(
  'shipping JSON log files through rsyslog into log_lines',
  () => {
    let knex: Knex;
    let dir: string;
    let input: string;
    let rsyslogd: ChildProcess;

    beforeAll(async () => {
      knex = await databases.init('POSTGRES_15');
      await knex.migrate.latest({ directory: migrations });
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-rsyslog-'));
      input = path.join(dir, 'logs', 'json');
      const conf = writeRsyslogConfig({
        root,
        dataDir: dir,
        env: {},
        values: {
          PG_CONNINFO: conninfoOf(knex),
          LOG_GLOB: path.join(input, '*.json'),
        },
      });
      const check = spawnSync('rsyslogd', ['-N1', '-f', conf], {
        encoding: 'utf8',
      });
      if (check.status !== 0 || /error/i.test(check.stderr)) {
        throw new Error(`rsyslogd -N1 refused ${conf}: ${check.stderr}`);
      }
      rsyslogd = spawn(
        'rsyslogd',
        ['-n', '-f', conf, '-i', path.join(dir, 'rsyslogd.pid')],
        { stdio: 'ignore' },
      );
    });

    afterAll(async () => {
      if (rsyslogd?.exitCode === null) {
        const exited = new Promise(r => rsyslogd.once('exit', r));
        rsyslogd.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const append = (file: string, ...lines: object[]) =>
      fs.appendFileSync(
        path.join(input, file),
        lines.map(l => `${JSON.stringify(l)}\n`).join(''),
      );

    it('inserts a scoring API line with every column the store reads', async () => {
      append('scoring-blue.1.json', {
        level: 'warn',
        time: '2026-12-01T14:00:00.123Z',
        service: 'scoring-api',
        hostname: 'scoring-host',
        request_id: 'req-ship-1',
        trace_id: '0af7651916cd43dd8448eb211c80319c',
        span_id: 'b7ad6b7169203331',
        msg: "slow request: it's 'quoted' \\ and \"escaped\"",
        route: '/v1/score',
        durationMs: 812,
      });
      const [row] = await waitForRows(
        knex,
        q => q.where({ request_id: 'req-ship-1' }),
        1,
      );
      expect(row).toMatchObject({
        service: 'scoring-api',
        host: 'scoring-host',
        level: 'warn',
        message: "slow request: it's 'quoted' \\ and \"escaped\"",
        trace_id: '0af7651916cd43dd8448eb211c80319c',
        span_id: 'b7ad6b7169203331',
      });
      expect(new Date(row.ts).toISOString()).toBe('2026-12-01T14:00:00.123Z');
      expect(row.fields).toMatchObject({ route: '/v1/score', durationMs: 812 });
    });

    it('normalises levels and times, and keeps lines that are not JSON', async () => {
      append(
        'other.1.json',
        {
          level: 50,
          time: 1764597600000,
          service: 'scoring-api',
          msg: 'numeric level',
        },
        {
          level: 'warning',
          timestamp: 'yesterday',
          service: 'vigil',
          message: 'odd time',
        },
      );
      fs.appendFileSync(path.join(input, 'other.1.json'), 'plain text line\n');
      const rows = await waitForRows(
        knex,
        q =>
          q.whereIn('message', [
            'numeric level',
            'odd time',
            'plain text line',
          ]),
        3,
      );
      const by = (m: string) => rows.find(r => r.message === m);
      expect(by('numeric level')).toMatchObject({ level: 'error' });
      expect(new Date(by('numeric level').ts).toISOString()).toBe(
        '2025-12-01T14:00:00.000Z',
      );
      expect(by('odd time')).toMatchObject({ level: 'warn', service: 'vigil' });
      // An unreadable time becomes when rsyslog read the line.
      expect(Date.now() - new Date(by('odd time').ts).getTime()).toBeLessThan(
        60_000,
      );
      // Service from the file's name; level info.
      expect(by('plain text line')).toMatchObject({
        service: 'other',
        level: 'info',
      });
    });

    it('ships the tail of a rotated file and the file after it', async () => {
      append('scoring-green.1.json', {
        level: 'info',
        service: 'scoring-api',
        msg: 'rotation 1',
      });
      await waitForRows(knex, q => q.where({ message: 'rotation 1' }), 1);
      // pino-roll opens the next numbered file; the old one may still get its
      // last buffered lines.
      append('scoring-green.2.json', {
        level: 'info',
        service: 'scoring-api',
        msg: 'rotation 2',
      });
      append('scoring-green.1.json', {
        level: 'info',
        service: 'scoring-api',
        msg: 'rotation tail',
      });
      const rows = await waitForRows(
        knex,
        q => q.whereIn('message', ['rotation 2', 'rotation tail']),
        2,
      );
      expect(rows.map(r => r.message).sort()).toEqual([
        'rotation 2',
        'rotation tail',
      ]);
    });

    it('ships the backend logger file, rotated by size, with its request context', async () => {
      jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      jest.spyOn(console, 'log').mockImplementation(() => undefined);
      const logger = await ServiceFactoryTester.from(
        createRootLoggerServiceFactory(),
        {
          dependencies: [
            mockServices.rootConfig.factory({
              data: {
                vigil: {
                  logging: {
                    file: {
                      path: path.join(input, 'vigil.json'),
                      maxSize: '2k',
                    },
                  },
                },
              },
            }),
          ],
        },
      ).getSubject();
      const context = {
        requestId: 'backend-req-1',
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
      };
      for (let i = 0; i < 30; i++) {
        runWithLogRequestContext(context, () =>
          logger.child({ plugin: 'slo' }).info(`backend line ${i}`, {
            padding: 'x'.repeat(100),
          }),
        );
        await new Promise(r => setTimeout(r, 2));
      }
      jest.restoreAllMocks();
      expect(
        fs.readdirSync(input).filter(f => f.startsWith('vigil.')).length,
      ).toBeGreaterThan(1);
      const rows = await waitForRows(
        knex,
        q => q.where({ request_id: 'backend-req-1' }),
        30,
      );
      expect(rows).toHaveLength(30);
      expect(rows[29]).toMatchObject({
        service: 'vigil',
        level: 'info',
        trace_id: context.traceId,
        span_id: context.spanId,
      });
      expect(rows[29].fields).toMatchObject({ plugin: 'slo' });
    });
  },
);
