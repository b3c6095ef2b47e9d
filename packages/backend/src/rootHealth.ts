/*
 * Readiness that says which dependency is down: the backend's health
 * endpoint (/.backstage/health/v1/readiness) lists the state of every
 * dependency Vigil's backends call through @vigil/backend-kit's
 * dependencyHealthServiceRef (Prometheus, the catalog, other plugins,
 * notifications, the database), and answers 503 only while the backend
 * starts or stops or while a critical dependency (the database) is down:
 * a load balancer then takes this replica out, while an unreachable
 * Prometheus only degrades SLO figures and must not.
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  createServiceRef,
  type RootHealthService,
  type RootLifecycleService,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import {
  dependencyHealthServiceRef,
  type DependencyHealthService,
  type DependencyState,
} from '@vigil/backend-kit';

/** A check readiness runs on every request (through a dependency, so its breaker and state apply). */
export type ReadinessProbe = () => Promise<void>;

/** Where modules register the checks readiness runs. */
export interface ReadinessProbesService {
  add(name: string, probe: ReadinessProbe): void;
  /** Runs every probe; a failing probe shows in its dependency's state, not as an error here. */
  run(): Promise<void>;
}

class DefaultReadinessProbes implements ReadinessProbesService {
  private readonly probes = new Map<string, ReadinessProbe>();
  // One run at a time: concurrent readiness requests (a load balancer's
  // checks, several at once) share it instead of piling up queries.
  private running?: Promise<void>;

  add(name: string, probe: ReadinessProbe) {
    this.probes.set(name, probe);
  }

  run(): Promise<void> {
    this.running ??= Promise.allSettled(
      [...this.probes.values()].map(probe => probe()),
    ).then(() => {
      this.running = undefined;
    });
    return this.running;
  }
}

export const readinessProbesServiceRef =
  createServiceRef<ReadinessProbesService>({
    id: 'vigil.readiness-probes',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {},
        factory: () => new DefaultReadinessProbes(),
      }),
  });

/** The database dependency's settings: probed every second by HAProxy, so a short timeout and a quick breaker. */
export const DATABASE_DEPENDENCY = {
  displayName: 'The database',
  critical: true,
  timeoutMs: 2_000,
  retries: 0,
  breaker: { consecutiveFailures: 2, halfOpenAfterMs: 2_000 },
} as const;

/**
 * Probes the database with `select 1` through the `database` dependency,
 * using the catalog's connection pool (every Vigil plugin's database lives on
 * the same server, and the catalog is always there).
 */
export const databaseReadinessProbeModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'vigil-readiness-database',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        probes: readinessProbesServiceRef,
        dependencyHealth: dependencyHealthServiceRef,
      },
      async init({ database, probes, dependencyHealth }) {
        const dependency = dependencyHealth.dependency(
          'database',
          DATABASE_DEPENDENCY,
        );
        probes.add('database', async () => {
          await dependency.execute(async () => {
            const knex = await database.getClient();
            await knex.raw('select 1');
          });
        });
      },
    });
  },
});

type Phase = 'starting' | 'up' | 'stopping';

/** Readiness of the backend with its dependencies' states. */
export class VigilRootHealthService implements RootHealthService {
  #phase: Phase = 'starting';

  constructor(
    lifecycle: RootLifecycleService,
    private readonly dependencyHealth: DependencyHealthService,
    private readonly probes: ReadinessProbesService,
  ) {
    lifecycle.addStartupHook(() => {
      this.#phase = 'up';
    });
    lifecycle.addBeforeShutdownHook(() => {
      this.#phase = 'stopping';
    });
  }

  async getLiveness() {
    // Liveness never depends on dependencies: an unreachable Prometheus must
    // not get the backend restarted.
    return { status: 200, payload: { status: 'ok' } };
  }

  async getReadiness() {
    if (this.#phase === 'up') await this.probes.run();
    const states = this.dependencyHealth.states();
    const dependencies = states.map(toJson);
    if (this.#phase === 'starting') {
      return unready('Backend has not started yet', dependencies);
    }
    if (this.#phase === 'stopping') {
      return unready('Backend is shutting down', dependencies);
    }
    const down = states.filter(s => s.critical && s.status === 'down');
    if (down.length) {
      return unready(
        `${down
          .map(s => `${s.displayName} is unreachable since ${s.downSince}`)
          .join('; ')}`,
        dependencies,
      );
    }
    return { status: 200, payload: { status: 'ok', dependencies } };
  }
}

function unready(message: string, dependencies: JsonObject[]) {
  return { status: 503, payload: { status: 'error', message, dependencies } };
}

// JSON without the unset fields (a JsonValue has no undefined).
function toJson(state: DependencyState): JsonObject {
  return Object.fromEntries(
    Object.entries(state).filter(([, value]) => value !== undefined),
  ) as JsonObject;
}

export const rootHealthServiceFactory = createServiceFactory({
  service: coreServices.rootHealth,
  deps: {
    lifecycle: coreServices.rootLifecycle,
    dependencyHealth: dependencyHealthServiceRef,
    probes: readinessProbesServiceRef,
  },
  factory: ({ lifecycle, dependencyHealth, probes }) =>
    new VigilRootHealthService(lifecycle, dependencyHealth, probes),
});
