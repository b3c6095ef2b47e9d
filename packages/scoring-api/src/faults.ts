import { z } from 'zod';

/** Faults an operator can switch on at run time to drill alerts and runbooks. */
export const faultSettingsSchema = z
  .object({
    /** Fixed latency added to every scoring request. */
    latencyMs: z.number().int().min(0).max(60000).default(0),
    /** Extra uniformly random latency on top of latencyMs. */
    latencyJitterMs: z.number().int().min(0).max(60000).default(0),
    /** Share of scoring requests answered with an injected 500. */
    errorRate: z.number().min(0).max(1).default(0),
    /** When true the feature store behaves as if unreachable. */
    dependencyOutage: z.boolean().default(false),
  })
  .strict();

export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export const NO_FAULTS: FaultSettings = Object.freeze({
  latencyMs: 0,
  latencyJitterMs: 0,
  errorRate: 0,
  dependencyOutage: false,
});

/** Holds the current fault settings; random source injectable for tests. */
export class FaultInjector {
  private settings: FaultSettings = { ...NO_FAULTS };

  constructor(private readonly random: () => number = Math.random) {}

  current(): FaultSettings {
    return { ...this.settings };
  }

  /** Replaces the settings with a validated partial (unset fields reset). */
  set(next: FaultSettings): FaultSettings {
    this.settings = { ...next };
    return this.current();
  }

  /** Merges a validated partial into the current settings. */
  update(patch: Partial<FaultSettings>): FaultSettings {
    this.settings = { ...this.settings, ...patch };
    return this.current();
  }

  clear(): FaultSettings {
    this.settings = { ...NO_FAULTS };
    return this.current();
  }

  /** Milliseconds to delay this request by. */
  latencyFor(): number {
    const { latencyMs, latencyJitterMs } = this.settings;
    if (!latencyMs && !latencyJitterMs) return 0;
    return latencyMs + Math.floor(this.random() * latencyJitterMs);
  }

  /** Whether this request should fail with an injected error. */
  shouldFail(): boolean {
    return (
      this.settings.errorRate > 0 && this.random() < this.settings.errorRate
    );
  }

  isDependencyDown(): boolean {
    return this.settings.dependencyOutage;
  }
}

/**
 * Faults that switch on by themselves after a number of scoring requests:
 * a release that passes its smoke tests and breaks once it takes traffic
 * (SCORING_FAULTS with SCORING_FAULTS_AFTER_REQUESTS, for rollback drills).
 */
export class ScheduledFaults {
  private served = 0;
  private armed = false;

  constructor(
    private readonly injector: FaultInjector,
    private readonly settings: FaultSettings,
    private readonly afterRequests: number,
    private readonly onArmed: (settings: FaultSettings) => void = () => {},
  ) {
    if (afterRequests === 0) this.arm();
  }

  /** Called as a scoring request arrives, before faults are looked at. */
  recordScoringRequest(): void {
    if (!this.armed && this.served >= this.afterRequests) this.arm();
    this.served += 1;
  }

  isArmed(): boolean {
    return this.armed;
  }

  private arm() {
    this.armed = true;
    this.injector.set(this.settings);
    this.onArmed(this.injector.current());
  }
}
