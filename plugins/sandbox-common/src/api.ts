import type { FaultSettings } from './faults';

/** An SLO's status, as the SLO backend says it. @public */
export type SandboxSloStatus = 'ok' | 'warning' | 'breaching' | 'no-data';

/** An SLO of a sandbox service, as the sandbox page shows it. @public */
export type SandboxSloSummary = {
  sloId: string;
  name: string;
  /** The SLO backend's status. */
  status: SandboxSloStatus;
  objectivePercent: number;
  /** Share of the error budget left; negative when overspent; null: no data. */
  budgetRemaining: number | null;
};

/** A synthetic service of the sandbox: its catalog entity and its faults. @public */
export type SandboxService = {
  /** The entity's name, also the service's name in the sandbox service. */
  name: string;
  /** `component:sandbox/<name>`. */
  entityRef: string;
  title?: string;
  description?: string;
  /** Its current faults; absent while the sandbox service is not running. */
  faults?: FaultSettings;
  /** Its SLOs; absent when the SLO backend could not be read (see sloError). */
  slos?: SandboxSloSummary[];
  sloError?: string;
};

/** What `GET /services` answers (types, not interfaces: JSON bodies). @public */
export type SandboxServicesResponse = {
  /** Whether the sandbox service answers its admin API. */
  running: boolean;
  /** Why it is not running (unreachable, not configured, refused). */
  message?: string;
  /** How to start the portal with the sandbox. */
  startCommand: string;
  /** The sandbox Components in the catalog, by name. */
  services: SandboxService[];
};

/** One step of a reset: done (with what it deleted) or failed, with why. @public */
export type SandboxResetStep = {
  ok: boolean;
  error?: string;
};

/** What `POST /reset` answers: every step's outcome. @public */
export type SandboxResetResult = {
  /** Every step succeeded. */
  complete: boolean;
  /** Faults cleared through the sandbox service's admin API. */
  faults: SandboxResetStep & {
    /** What the sandbox service did with its Prometheus history. */
    prometheusHistory?: string;
  };
  /** Sandbox incidents, postmortems and action items deleted. */
  incidents: SandboxResetStep & {
    incidents?: number;
    postmortems?: number;
    actionItems?: number;
  };
  /** Sandbox SLO history deleted. */
  slo: SandboxResetStep & { evaluations?: number };
};

/** What the incidents backend's `POST /purge` answers. @public */
export type IncidentsPurgeResult = {
  namespace: string;
  incidents: number;
  postmortems: number;
  actionItems: number;
};

/** What the SLO backend's `POST /purge` answers. @public */
export type SloPurgeResult = {
  namespace: string;
  evaluations: number;
};
