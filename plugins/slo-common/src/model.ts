/** The normalised SLO model every accepted spec format is turned into. */

/** The spec formats accepted; also the value of the `sloth_spec` label. */
export type SpecFormat =
  | 'prometheus/v1'
  | 'sloth.slok.dev/v1'
  | 'openslo/v1alpha'
  | 'openslo/v1';

/**
 * The SLI as PromQL templates using `{{.window}}` for the range, e.g.
 * `sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))`.
 */
export type SliSpec =
  | {
      /** Bad events over total events; the ratio is built by the generator. */
      type: 'events';
      errorQuery: string;
      totalQuery: string;
    }
  | {
      /** A query that already returns the error ratio (0..1). */
      type: 'raw';
      errorRatioQuery: string;
    };

/** One of the two multi-window multi-burn-rate alerts (page or ticket). */
export type AlertSpec =
  | { disabled: true }
  | {
      disabled: false;
      /** The Prometheus alert name (shared by the page and ticket alerts). */
      name: string;
      labels: Record<string, string>;
      annotations: Record<string, string>;
    };

/** Metadata of the Kubernetes object an SLO came from (CRD specs only). */
export interface KubernetesObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Where a spec was read from. */
export interface SpecOrigin {
  /** What the caller passed as `source` (usually a file path). */
  source: string;
  /** 0-based index of the YAML document in a multi-document file. */
  documentIndex: number;
  /** How many YAML documents the source has (messages name the document if > 1). */
  documentCount: number;
  format: SpecFormat;
  kubernetes?: KubernetesObjectMeta;
}

/**
 * Which of Sloth's rule-generating steps run for an SLO, as its SLO plugin
 * chain (`slo_plugins`, `plugins`) decides; absent means Sloth's default
 * chain, which runs all of them.
 */
export interface SloRuleSteps {
  /**
   * SLI error-ratio recordings (`sloth.dev/core/sli_rules/v1`); `optimized`:
   * the period ratio averages the shortest recording (Sloth's default)
   * instead of querying the raw series over the whole period.
   */
  sliRecordings: false | { optimized: boolean };
  /** `sloth.dev/core/metadata_rules/v1` */
  metadataRecordings: boolean;
  /** `sloth.dev/core/alert_rules/v1` */
  alerts: boolean;
}

export interface ServiceLevelSpec {
  /** `<service>-<slo name>`, unique across everything generated together. */
  id: string;
  service: string;
  name: string;
  description?: string;
  /** Target share of good events in percent, in (0, 100], e.g. 99.9. */
  objectivePercent: number;
  sli: SliSpec;
  /** Labels for every recording rule: spec-level labels merged with the SLO's. */
  labels: Record<string, string>;
  alerting: { page: AlertSpec; ticket: AlertSpec };
  /**
   * The SLO period the spec itself declares (OpenSLO time windows), as a
   * normalised Prometheus duration; Sloth specs leave it to the generator.
   */
  timeWindow?: string;
  /** Set only when the SLO's plugin chain differs from Sloth's default. */
  ruleSteps?: SloRuleSteps;
  origin: SpecOrigin;
}

/** A problem found in a spec; `message` is the full human-readable text. */
export interface SloSpecIssue {
  source: string;
  documentIndex?: number;
  service?: string;
  /** The SLO name as written (e.g. "slo1"), when the problem is in one SLO. */
  slo?: string;
  /** e.g. `source: SLO "slo1": objective must be > 0 and <= 100 (got 101)`. */
  message: string;
  /** The same without the location prefix. */
  problem: string;
}

export type SloSpecError = SloSpecIssue;
/** Something accepted but probably unintended, e.g. an unknown field that is ignored. */
export type SloSpecWarning = SloSpecIssue;

export interface ParseSloSpecsResult {
  specs: ServiceLevelSpec[];
  errors: SloSpecError[];
  warnings: SloSpecWarning[];
}
