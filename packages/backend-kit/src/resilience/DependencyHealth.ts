import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  type LoggerService,
  type RootConfigService,
} from '@backstage/backend-plugin-api';
import { readDependencyConfig } from './config';
import { Dependency, type ResolvedDependencyOptions } from './Dependency';
import { isDependencyFailure } from './failures';
import type {
  DependencyHealthService,
  DependencyOptions,
  DependencyState,
  ResilientDependency,
} from './types';

/** The defaults of a dependency nobody configured. @public */
export const DEPENDENCY_DEFAULTS = {
  timeoutMs: 10_000,
  retries: 2,
  breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
  backoff: { initialDelayMs: 200, maxDelayMs: 5_000 },
} as const;

/** What `createDependencyHealth` needs. @public */
export interface DependencyHealthOptions {
  /** Where outages start and end (one warn, one info each). */
  logger: LoggerService;
  /** `vigil.dependencies.<name>` overrides the callers' options. */
  config?: RootConfigService;
  /** Retry backoff (tests shorten it). */
  backoff?: { initialDelayMs?: number; maxDelayMs?: number };
}

class DefaultDependencyHealthService implements DependencyHealthService {
  private readonly dependencies = new Map<string, Dependency>();

  constructor(private readonly options: DependencyHealthOptions) {}

  dependency(name: string, options?: DependencyOptions): ResilientDependency {
    let dependency = this.dependencies.get(name);
    if (!dependency) {
      dependency = new Dependency(
        name,
        this.resolve(name, options),
        this.options.logger,
      );
      this.dependencies.set(name, dependency);
    } else if (options?.critical) {
      dependency.markCritical();
    }
    dependency.addFailurePredicate(options?.isFailure ?? isDependencyFailure);
    return dependency;
  }

  states(): DependencyState[] {
    return [...this.dependencies.values()]
      .map(dependency => dependency.state())
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  // Defaults, then the first caller's options, then the configuration.
  private resolve(
    name: string,
    options: DependencyOptions = {},
  ): ResolvedDependencyOptions {
    const configured = readDependencyConfig(this.options.config, name);
    const positive = (value: number | undefined) =>
      value !== undefined && value > 0 ? value : undefined;
    const atLeastZero = (value: number | undefined) =>
      value !== undefined && value >= 0 ? Math.floor(value) : undefined;
    return {
      displayName: options.displayName ?? name,
      timeoutMs:
        positive(configured.timeoutMs) ??
        positive(options.timeoutMs) ??
        DEPENDENCY_DEFAULTS.timeoutMs,
      retries:
        atLeastZero(configured.retries) ??
        atLeastZero(options.retries) ??
        DEPENDENCY_DEFAULTS.retries,
      consecutiveFailures: Math.max(
        1,
        Math.floor(
          configured.consecutiveFailures ??
            options.breaker?.consecutiveFailures ??
            DEPENDENCY_DEFAULTS.breaker.consecutiveFailures,
        ),
      ),
      halfOpenAfterMs:
        positive(configured.halfOpenAfterMs) ??
        positive(options.breaker?.halfOpenAfterMs) ??
        DEPENDENCY_DEFAULTS.breaker.halfOpenAfterMs,
      critical: options.critical ?? false,
      backoff: {
        initialDelayMs:
          this.options.backoff?.initialDelayMs ??
          DEPENDENCY_DEFAULTS.backoff.initialDelayMs,
        maxDelayMs:
          this.options.backoff?.maxDelayMs ??
          DEPENDENCY_DEFAULTS.backoff.maxDelayMs,
      },
    };
  }
}

/**
 * A registry of dependencies outside a backend (tests, scripts). In a
 * backend use `dependencyHealthServiceRef`, whose one instance all plugins
 * share.
 * @public
 */
export function createDependencyHealth(
  options: DependencyHealthOptions,
): DependencyHealthService {
  return new DefaultDependencyHealthService(options);
}

/**
 * The backend's dependencies (Prometheus, the catalog, other plugins, the
 * database): one root instance, so every plugin calling Prometheus shares
 * its breaker, its state on the readiness page and its log lines.
 * @public
 */
export const dependencyHealthServiceRef =
  createServiceRef<DependencyHealthService>({
    id: 'vigil.dependency-health',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          rootLogger: coreServices.rootLogger,
          rootConfig: coreServices.rootConfig,
        },
        factory: ({ rootLogger, rootConfig }) =>
          createDependencyHealth({
            logger: rootLogger.child({ service: 'dependency-health' }),
            config: rootConfig,
          }),
      }),
  });
