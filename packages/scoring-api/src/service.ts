import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Logger } from 'pino';
import { createApp } from './app';
import { ServiceConfig } from './config';
import { FaultInjector, ScheduledFaults } from './faults';
import { createServiceLogger } from './logging';
import {
  FeatureStore,
  InMemoryFeatureStore,
  InstrumentedFeatureStore,
  RedisFeatureStore,
} from './featureStore';
import { ServiceMetrics } from './metrics';
import { demoCustomerId, demoFeatures } from './scoring';

export const DEMO_CUSTOMERS = 1000;

export interface RunningService {
  url: string;
  port: number;
  backend: 'redis' | 'memory';
  faults: FaultInjector;
  /** Stops accepting, lets in-flight requests finish, closes the store. */
  shutdown(reason: string): Promise<void>;
}

async function openStore(
  config: ServiceConfig,
  logger: Logger,
): Promise<FeatureStore> {
  if (!config.redisUrl) {
    logger.info('feature store: in-process (SCORING_REDIS_URL=none)');
    return new InMemoryFeatureStore();
  }
  try {
    const store = await RedisFeatureStore.connect(config.redisUrl);
    logger.info({ redis: config.redisUrl }, 'feature store: redis');
    return store;
  } catch (error) {
    logger.warn(
      { redis: config.redisUrl, reason: (error as Error).message },
      'redis unreachable; falling back to the in-process feature store',
    );
    return new InMemoryFeatureStore();
  }
}

/** Starts the scoring API; resolves once it listens. */
export async function startService(
  config: ServiceConfig,
  options: { logger?: Logger; metrics?: ServiceMetrics } = {},
): Promise<RunningService> {
  // JSON lines to stdout and, with SCORING_LOG_DIR, a rotating file that
  // the log shipper (ops/rsyslog) sends to the logs store.
  const serviceLogger = options.logger
    ? { logger: options.logger, close: async () => undefined }
    : await createServiceLogger(config);
  const { logger } = serviceLogger;
  const metrics = options.metrics ?? new ServiceMetrics();
  const faults = new FaultInjector();
  metrics.buildInfo.set({ ...config.build }, 1);
  const scheduledFaults = config.faults
    ? new ScheduledFaults(
        faults,
        config.faults,
        config.faultsAfterRequests,
        settings =>
          logger.warn(
            { faults: settings, afterRequests: config.faultsAfterRequests },
            'faults from SCORING_FAULTS are now active',
          ),
      )
    : undefined;
  if (scheduledFaults && !scheduledFaults.isArmed()) {
    logger.warn(
      { faults: config.faults, afterRequests: config.faultsAfterRequests },
      'faults from SCORING_FAULTS switch on after this many scoring requests',
    );
  }
  const rawStore = await openStore(config, logger);
  const store = new InstrumentedFeatureStore(
    rawStore,
    metrics,
    faults,
    config.featureCacheTtlMs,
  );

  // Seed the demo customers once so scores are meaningful from the start.
  if ((await rawStore.count()) < DEMO_CUSTOMERS) {
    for (let i = 1; i <= DEMO_CUSTOMERS; i++) {
      await rawStore.put(demoCustomerId(i), demoFeatures(i));
    }
    logger.info({ customers: DEMO_CUSTOMERS }, 'seeded demo features');
  }

  let accepting = true;
  const app = createApp({
    store,
    metrics,
    faults,
    logger,
    adminToken: config.adminToken,
    allowedHosts: config.allowedHosts,
    build: config.build,
    slowRequestMs: config.slowRequestMs,
    onScoringRequest: scheduledFaults
      ? () => scheduledFaults.recordScoringRequest()
      : undefined,
    isAccepting: () => accepting,
  });

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host);
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  });
  // Keep-alive sockets must not hold shutdown open past the idle period.
  server.keepAliveTimeout = 5000;
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  logger.info({ url, featureStore: rawStore.backend }, 'scoring-api listening');
  if (!config.adminToken) {
    logger.warn(
      'admin routes (fault injection) are disabled: set VIGIL_SCORING_ADMIN_TOKEN to enable them',
    );
  }

  let closing: Promise<void> | undefined;
  const shutdown = (reason: string) => {
    closing ??= (async () => {
      accepting = false;
      logger.info({ reason }, 'shutting down: draining in-flight requests');
      const closed = new Promise<void>(resolve =>
        server.close(() => resolve()),
      );
      server.closeIdleConnections();
      const timedOut = new Promise<'timeout'>(resolve =>
        setTimeout(() => resolve('timeout'), config.shutdownTimeoutMs).unref(),
      );
      if ((await Promise.race([closed, timedOut])) === 'timeout') {
        logger.warn('shutdown timeout: closing remaining connections');
        server.closeAllConnections();
      }
      await store.close();
      logger.info('shutdown complete');
      await serviceLogger.close();
    })();
    return closing;
  };

  return { url, port, backend: rawStore.backend, faults, shutdown };
}
