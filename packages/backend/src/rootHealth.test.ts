import {
  createBackendPlugin,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  createDependencyHealth,
  dependencyHealthServiceRef,
} from '@vigil/backend-kit';
import request from 'supertest';
import {
  databaseReadinessProbeModule,
  readinessProbesServiceRef,
  rootHealthServiceFactory,
  VigilRootHealthService,
  type ReadinessProbesService,
} from './rootHealth';

const READINESS = '/.backstage/health/v1/readiness';
const LIVENESS = '/.backstage/health/v1/liveness';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

// The module probes through the catalog plugin's database; a stand-in
// catalog plugin keeps the test small.
const catalogStandIn = createBackendPlugin({
  pluginId: 'catalog',
  register(env) {
    env.registerInit({ deps: {}, async init() {} });
  },
});

// Another plugin's dependency that is down: reported, not fatal.
const prometheusCaller = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'prometheus-caller',
  register(env) {
    env.registerInit({
      deps: { dependencyHealth: dependencyHealthServiceRef },
      async init({ dependencyHealth }) {
        const prometheus = dependencyHealth.dependency('prometheus', {
          displayName: 'Prometheus',
          breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 },
        });
        await prometheus
          .execute(async () => {
            throw new Error('connect ECONNREFUSED 127.0.0.1:9090');
          })
          .catch(() => undefined);
      },
    });
  },
});

describe('readiness with dependency states', () => {
  it('lists every dependency, is 503 only while the database is down, and recovers', async () => {
    let databaseUp = true;
    const raw = jest.fn(async () => {
      if (!databaseUp) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      return [{ '?column?': 1 }];
    });
    const { server } = await startTestBackend({
      features: [
        rootHealthServiceFactory,
        catalogStandIn,
        databaseReadinessProbeModule,
        prometheusCaller,
        mockServices.database.mock({
          getClient: async () => ({ raw } as any),
        }).factory,
        mockServices.rootConfig.factory({
          data: {
            vigil: {
              dependencies: {
                database: { breaker: { halfOpenAfter: '50ms' } },
              },
            },
          },
        }),
      ],
    });

    const ready = await request(server).get(READINESS);
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ok',
      dependencies: [
        expect.objectContaining({
          name: 'database',
          displayName: 'The database',
          status: 'up',
          breaker: 'closed',
          critical: true,
          lastSuccessAt: expect.any(String),
        }),
        expect.objectContaining({
          name: 'prometheus',
          status: 'down',
          breaker: 'open',
          critical: false,
          downSince: expect.any(String),
          lastError: 'connect ECONNREFUSED 127.0.0.1:9090',
        }),
      ],
    });
    expect(raw).toHaveBeenCalledWith('select 1');

    databaseUp = false;
    // The first failed probe is not an outage yet; the second opens the breaker.
    expect((await request(server).get(READINESS)).status).toBe(200);
    const down = await request(server).get(READINESS);
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('error');
    expect(down.body.message).toMatch(
      /^The database is unreachable since \d{4}-.*Z$/,
    );
    expect(down.body.dependencies[0]).toMatchObject({
      name: 'database',
      status: 'down',
      lastError: 'connect ECONNREFUSED 127.0.0.1:5432',
    });
    // Liveness does not follow dependencies.
    expect((await request(server).get(LIVENESS)).status).toBe(200);

    databaseUp = true;
    await sleep(70); // the breaker lets a probe through again
    const back = await request(server).get(READINESS);
    expect(back.status).toBe(200);
    expect(back.body.dependencies[0]).toMatchObject({
      name: 'database',
      status: 'up',
      breaker: 'closed',
    });
  });

  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
    disableDocker: true,
  });

  it.each(databases.eachSupportedId())(
    'probes a real database with select 1 on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          rootHealthServiceFactory,
          catalogStandIn,
          databaseReadinessProbeModule,
          mockServices.database.factory({ knex }),
        ],
      });
      const ready = await request(server).get(READINESS);
      expect(ready.status).toBe(200);
      expect(ready.body.dependencies).toEqual([
        expect.objectContaining({ name: 'database', status: 'up' }),
      ]);
    },
  );
});

describe('VigilRootHealthService', () => {
  function lifecycle() {
    const hooks: { startup: Array<() => void>; shutdown: Array<() => void> } = {
      startup: [],
      shutdown: [],
    };
    const service = {
      addStartupHook: (hook: () => void) => hooks.startup.push(hook),
      addBeforeShutdownHook: (hook: () => void) => hooks.shutdown.push(hook),
      addShutdownHook: () => {},
    };
    return { service, hooks };
  }

  it.each([
    {
      phase: 'starting',
      status: 503,
      message: 'Backend has not started yet',
      probed: 0,
    },
    { phase: 'up', status: 200, message: undefined, probed: 1 },
    {
      phase: 'stopping',
      status: 503,
      message: 'Backend is shutting down',
      probed: 0,
    },
  ])(
    'answers $status while $phase',
    async ({ phase, status, message, probed }) => {
      const { service, hooks } = lifecycle();
      const health = createDependencyHealth({
        logger: mockServices.logger.mock(),
      });
      health.dependency('catalog');
      const probes: ReadinessProbesService = {
        add: () => {},
        run: jest.fn(async () => {}),
      };
      const root = new VigilRootHealthService(service as any, health, probes);
      if (phase !== 'starting') hooks.startup.forEach(h => h());
      if (phase === 'stopping') hooks.shutdown.forEach(h => h());
      const readiness = await root.getReadiness();
      expect(readiness.status).toBe(status);
      expect(readiness.payload).toMatchObject({
        ...(message ? { message } : {}),
        dependencies: [{ name: 'catalog', status: 'unknown' }],
      });
      expect(probes.run).toHaveBeenCalledTimes(probed);
      expect(await root.getLiveness()).toEqual({
        status: 200,
        payload: { status: 'ok' },
      });
    },
  );

  it('runs concurrent probes once', async () => {
    const { service, hooks } = lifecycle();
    let runs = 0;
    const health = createDependencyHealth({
      logger: mockServices.logger.mock(),
    });
    const probes = await (async () => {
      // The default registry, through a tiny backend.
      let captured: ReadinessProbesService | undefined;
      await startTestBackend({
        features: [
          createBackendPlugin({
            pluginId: 'probe-test',
            register(env) {
              env.registerInit({
                deps: { p: readinessProbesServiceRef, l: coreServices.logger },
                async init({ p }) {
                  captured = p;
                },
              });
            },
          }),
        ],
      });
      return captured!;
    })();
    probes.add('slow', async () => {
      runs += 1;
      await sleep(20);
    });
    const root = new VigilRootHealthService(service as any, health, probes);
    hooks.startup.forEach(h => h());
    await Promise.all([
      root.getReadiness(),
      root.getReadiness(),
      root.getReadiness(),
    ]);
    expect(runs).toBe(1);
    await root.getReadiness();
    expect(runs).toBe(2);
  });
});
