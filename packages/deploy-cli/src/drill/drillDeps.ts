import { DrillFile, Release } from '@vigil/backstage-plugin-deployments-common';
import type { DrillEvidencePaths } from './evidence';

/**
 * What the drill asks of the deploy path: release a version as the idle
 * colour with extra environment, under a drill record, and say what the
 * watch window did. The drill never moves traffic itself, except to roll
 * back by hand when nothing detected the fault.
 */
export interface DrillDeployRequest {
  ref?: string;
  entityRef: string;
  watchSeconds: number;
  /** Added to the released instance's environment only: the latent fault. */
  instanceEnv: Record<string, string>;
  /** Recorded as the record's reason (the record's kind is `drill`). */
  reason: string;
}

export interface DrillDeployReport {
  /** The portal record of the drill, when it could be posted. */
  recordId?: string;
  /** The release deployed (the bad one) and the one live before (the good one). */
  release: Release;
  previous?: Release;
  /**
   * How the deploy ended: `rolled_back` (the watch window caught it),
   * `succeeded` (nothing caught it: the bad release is live), `failed`
   * (before traffic moved, or a rollback that failed).
   */
  outcome: 'succeeded' | 'rolled_back' | 'failed';
  /** Epoch ms traffic moved to the new release. */
  trafficSwitchedAt?: number;
  /** Epoch ms the watch window decided to roll back, what noticed, and what it saw. */
  watchFailure?: { at: number; signal: 'smoke' | 'fast-burn'; detail: string };
  /**
   * Epoch ms traffic was back on the old release: the rollback switch's
   * own switchedAt (the old colour ready, up and taking traffic), not
   * the end of the bad colour's drain.
   */
  rolledBackAt?: number;
  /** One sentence: what failed (if anything) and where traffic is. */
  summary: string;
}

export interface ManualRollbackReport {
  summary: string;
  trafficBackAt?: number;
}

export interface DrillDeps {
  /** The repository root (relative --out is under it). */
  root: string;
  /** HAProxy's frontend: http://127.0.0.1:8080. */
  frontendUrl: string;
  adminToken: string;
  operator?: string;
  deploy(request: DrillDeployRequest): Promise<DrillDeployReport>;
  /**
   * Moves traffic back by hand (nothing detected the fault): where traffic
   * is, and when the rollback's switch put it back on the good release
   * (epoch ms; undefined when it did not).
   */
  rollback(reason: string): Promise<ManualRollbackReport>;
  /** Adds the measured drill to its record; returns where it went (portal, or a local file). */
  recordDrill(recordId: string | undefined, file: DrillFile): Promise<string>;
  log(line: string): void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface DrillRun {
  /** 0 passed, 1 ran and failed (or could not be measured). */
  exitCode: 0 | 1;
  file?: DrillFile;
  evidence?: DrillEvidencePaths;
}
