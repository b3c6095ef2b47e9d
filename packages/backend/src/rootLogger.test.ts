import {
  mockServices,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';
import { rootLoggerServiceFactory } from './rootLogger';

describe('the root logger', () => {
  const env = { ...process.env };
  let written: string[];

  beforeEach(() => {
    written = [];
    // Winston's console transport writes to console._stdout when there is
    // one, else console.log/console.error.
    const record = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    jest.spyOn(process.stdout, 'write').mockImplementation(record as any);
    jest.spyOn(process.stderr, 'write').mockImplementation(record as any);
    for (const stream of [(console as any)._stdout, (console as any)._stderr]) {
      if (stream && stream !== process.stdout && stream !== process.stderr) {
        jest.spyOn(stream, 'write').mockImplementation(record as any);
      }
    }
    jest.spyOn(console, 'log').mockImplementation(record);
    jest.spyOn(console, 'error').mockImplementation(record);
    jest.spyOn(console, 'warn').mockImplementation(record);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    process.env = { ...env };
  });

  async function logger() {
    process.env.NODE_ENV = 'development';
    process.env.VIGIL_ALERTMANAGER_WEBHOOK_TOKEN = 'env-webhook-token-0123';
    return ServiceFactoryTester.from(rootLoggerServiceFactory, {
      dependencies: [
        mockServices.rootConfig.factory({
          data: {
            backend: { auth: { keys: [{ secret: 'config-secret-4567' }] } },
          },
        }),
      ],
    }).getSubject();
  }

  it('a forged groupKey stays on its line; 1 MB values are capped', async () => {
    const log = (await logger()).child({ plugin: 'incidents' });
    log.info('alert group received', {
      groupKey: 'g\n2026-12-01T00:00:00.000Z incidents error forged line',
      payload: 'x'.repeat(1024 * 1024),
    });
    const output = written.join('');
    const lines = output.split('\n').filter(line => line.includes('forged'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('alert group received');
    expect(output).toMatch(/g(?:\\)+n2026-12-01/);
    expect(output.length).toBeLessThan(10_000);
  });

  it('never writes tokens or secrets', async () => {
    const log = await logger();
    log.warn(
      'GET /api/x?token=abc123 with Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln from env-webhook-token-0123 and config-secret-4567',
    );
    const output = written.join('');
    expect(output).toContain('GET /api/x');
    expect(output).not.toMatch(/abc123|eyJ|env-webhook-token|config-secret/);
  });
});
