/**
 * The service health API's answer (`GET /entities/{kind}/{namespace}/{name}/health`).
 */
import type { HealthUnit, MetricProfile } from './annotations';
import type { HealthPanelGroup } from './queries';
import type { HealthRange } from './ranges';

/**
 * `ok`: every panel has data. `partial`: some have none (named in
 * `missingPanels`). `empty`: none has data for the selector.
 * `prometheus-down`: Prometheus could not be asked. `misconfigured`: the
 * entity's annotations give no usable selector.
 * @public
 */
export type HealthState =
  | 'ok'
  | 'partial'
  | 'empty'
  | 'prometheus-down'
  | 'misconfigured';

/** One line of a chart: `[epoch ms, value]`, null where Prometheus had no number. @public */
export interface HealthSeries {
  name: string;
  points: Array<[number, number | null]>;
}

/** @public */
export interface HealthPanel {
  id: string;
  title: string;
  unit: HealthUnit;
  group: HealthPanelGroup;
  series: HealthSeries[];
  /** Whether any series has at least one number. */
  hasData: boolean;
  /** Why the panel has no data when it is known (not exported, a rejected query). */
  note?: string;
}

/** A deploy (or rollback, drill) that started within the range. @public */
export interface HealthDeployMarker {
  at: string;
  kind: string;
  outcome: string;
  version: string;
}

/** An incident of the entity open at some point of the range. @public */
export interface HealthIncidentMarker {
  id: string;
  title: string;
  severity?: string;
  at: string;
  resolvedAt?: string;
}

/** @public */
export interface HealthMarkers {
  deploys: HealthDeployMarker[];
  incidents: HealthIncidentMarker[];
  /** Why some markers are missing (a backend that did not answer). */
  notes: string[];
}

/** @public */
export interface EntityHealth {
  entityRef: string;
  range: HealthRange;
  /** ISO instants of the first and last point. */
  from: string;
  to: string;
  stepSeconds: number;
  rateWindow: string;
  selector?: string;
  profile: MetricProfile;
  state: HealthState;
  /** One sentence for people: what the state means here. */
  message: string;
  /** Titles of the panels without data. */
  missingPanels: string[];
  /** Problems in the entity's annotations. */
  annotationIssues: string[];
  prometheus: { reachable: boolean; lastReachableAt?: string };
  panels: HealthPanel[];
  markers: HealthMarkers;
  /** When this answer was computed (answers are cached for seconds). */
  generatedAt: string;
}
