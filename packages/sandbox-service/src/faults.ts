import { z } from 'zod';

/** The most latency a fault may add: long enough to breach any latency SLO. */
export const MAX_LATENCY_MS = 10_000;

/**
 * The body of `PUT /admin/services/{name}/faults`: the service's whole fault
 * set (a field left out is switched off).
 * @public
 */
export const faultSettingsSchema = z
  .object({
    /** Share of the service's requests answered with an injected 500. */
    errorRate: z.number().min(0).max(1).default(0),
    /** Latency added to each of the service's requests. */
    latencyMs: z.number().int().min(0).max(MAX_LATENCY_MS).default(0),
  })
  .strict();

/** @public */
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

/** @public */
export const NO_FAULTS: Readonly<FaultSettings> = Object.freeze({
  errorRate: 0,
  latencyMs: 0,
});

/** The fault settings of every synthetic service; random source injectable. */
export class SandboxFaults {
  private readonly settings = new Map<string, FaultSettings>();

  constructor(
    names: readonly string[],
    private readonly random: () => number = Math.random,
  ) {
    for (const name of names) this.settings.set(name, { ...NO_FAULTS });
  }

  has(name: string): boolean {
    return this.settings.has(name);
  }

  current(name: string): FaultSettings {
    return { ...(this.settings.get(name) ?? NO_FAULTS) };
  }

  set(name: string, next: FaultSettings): FaultSettings {
    if (!this.settings.has(name)) throw new Error(`unknown service ${name}`);
    this.settings.set(name, { ...next });
    return this.current(name);
  }

  /** Switches every fault off. */
  clear(): void {
    for (const name of this.settings.keys()) {
      this.settings.set(name, { ...NO_FAULTS });
    }
  }

  /** Whether this request of the service fails with an injected error. */
  shouldFail(name: string): boolean {
    const { errorRate } = this.current(name);
    return errorRate > 0 && this.random() < errorRate;
  }
}
