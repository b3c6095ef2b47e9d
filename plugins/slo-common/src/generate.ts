/**
 * Prometheus rules for SLOs, identical to what Sloth v0.16.0 generates:
 * per SLO, a group of SLI error-ratio recordings (one per alert window plus
 * the whole period), a group of metadata recordings, and a group with the
 * multi-window multi-burn-rate page and ticket alerts.
 */
import { mergeLabels } from './documentContext';
import {
  durationHours,
  formatPromDuration,
  parsePromDuration,
} from './durations';
import { formatGoFloat, formatGoFloatFixed } from './goFormat';
import type {
  AlertSpec,
  KubernetesObjectMeta,
  ServiceLevelSpec,
  SloRuleSteps,
  SpecFormat,
} from './model';
import { renderWindowTemplate } from './promql';
import { findLabelProblems } from './validation';
import {
  AlertWindow,
  AlertWindows,
  burnRateFactor,
  defaultAlertWindows,
  findAlertWindowsProblems,
} from './windows';

/** Sloth's `sloth_mode` label: how the rules were generated. */
export type SlothMode = 'cli-gen-prom' | 'cli-gen-k8s' | 'cli-gen-openslo';

/** Stands in for Sloth's version in `sloth_version` and the file header. */
export const DEFAULT_GENERATOR_VERSION = 'vigil-slo-common-v0.1.0';

export interface GenerateRulesOptions {
  /** The SLO period as a Prometheus duration (default: the windows' period, else "30d"). */
  period?: string;
  /** Custom alert windows (see parseAlertWindows); default: Sloth's for 30d and 28d. */
  windows?: AlertWindows;
  /** Labels added to every recording rule (not to alerts), as Sloth's `-l`. */
  extraLabels?: Record<string, string>;
  disableAlerts?: boolean;
  disableRecordings?: boolean;
  /**
   * Events SLIs only: an absent error series (no error counted yet) is zero
   * errors when the total exists, instead of an absent ratio. Not Sloth's
   * output: for queries that must tell "no errors" from "no data".
   */
  absentErrorsAsZero?: boolean;
  /** Overrides `sloth_mode`; by default it follows the spec format as in Sloth. */
  mode?: SlothMode;
  /** `sloth_version` label value (default {@link DEFAULT_GENERATOR_VERSION}). */
  version?: string;
}

export interface PrometheusRule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface PrometheusRuleGroup {
  name: string;
  interval?: string;
  rules: PrometheusRule[];
}

/** The rules of one input document: Sloth writes one output document per input one. */
export interface PrometheusRuleFile {
  source: string;
  documentIndex: number;
  /** Set for Kubernetes CRD input: the output is then a PrometheusRule object. */
  kubernetes?: KubernetesObjectMeta;
  groups: PrometheusRuleGroup[];
}

/** Invalid generation options, or a spec that cannot use them. */
export class SloGenerationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SloGenerationError';
  }
}

const MODE_BY_FORMAT: Record<SpecFormat, SlothMode> = {
  'prometheus/v1': 'cli-gen-prom',
  'sloth.slok.dev/v1': 'cli-gen-k8s',
  'openslo/v1alpha': 'cli-gen-openslo',
  'openslo/v1': 'cli-gen-openslo',
};

// Metric and label names of Sloth's conventions.
const WINDOW_LABEL = 'sloth_window';
const sliErrorMetric = (window: string) => `slo:sli_error:ratio_rate${window}`;
const ERROR_BUDGET_METRIC = 'slo:error_budget:ratio';
const PERIOD_BURN_RATE_METRIC = 'slo:period_burn_rate:ratio';

/** Labels identifying an SLO's series. */
function idLabels(spec: ServiceLevelSpec): Record<string, string> {
  return {
    sloth_id: spec.id,
    sloth_service: spec.service,
    sloth_slo: spec.name,
  };
}

/** `{a="1", b="2"}` with sorted keys, as Sloth's `LabelsToPromFilter`. */
function promFilter(labels: Record<string, string>): string {
  const matchers = Object.keys(labels)
    .sort()
    .map(key => `${key}=${JSON.stringify(labels[key])}`);
  return `{${matchers.join(', ')}}`;
}

/** Copies a label map with its keys sorted, matching Go's map output order. */
function sortedLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(labels)
      .sort()
      .map(key => [key, labels[key]]),
  );
}

interface ResolvedOptions {
  periodMs: number;
  period: string;
  windows: AlertWindows;
  /** The SLI recording windows besides the period, shortest first. */
  sliWindows: string[];
  /** Each alert window's burn rate factor. */
  burnRateFactors: Map<AlertWindow, number>;
  extraLabels: Record<string, string>;
  disableAlerts: boolean;
  disableRecordings: boolean;
  absentErrorsAsZero: boolean;
  mode?: SlothMode;
  version: string;
}

function resolveOptions(options: GenerateRulesOptions): ResolvedOptions {
  const periodText = options.period ?? options.windows?.sloPeriod ?? '30d';
  const periodMs = parsePromDuration(periodText);
  if (!periodMs) {
    throw new SloGenerationError(
      `invalid SLO period ${JSON.stringify(
        periodText,
      )}: expected a Prometheus duration such as "30d"`,
    );
  }
  const period = formatPromDuration(periodMs);
  let windows = options.windows;
  if (windows) {
    const problems = findAlertWindowsProblems(windows);
    if (problems.length > 0) {
      throw new SloGenerationError(
        `invalid alert windows: ${problems.join('; ')}`,
      );
    }
    if (parsePromDuration(windows.sloPeriod) !== periodMs) {
      throw new SloGenerationError(
        `the alert windows are for a ${windows.sloPeriod} SLO period, not ${period}`,
      );
    }
  } else {
    windows = defaultAlertWindows(period);
    if (!windows) {
      throw new SloGenerationError(
        `there are no built-in alert windows for a ${period} SLO period (only 30d and 28d): pass custom windows (a Sloth AlertWindows file read with parseAlertWindows)`,
      );
    }
  }
  const extraLabels = options.extraLabels ?? {};
  const labelProblems = findLabelProblems('extra label', extraLabels);
  if (labelProblems.length > 0) {
    throw new SloGenerationError(labelProblems.join('; '));
  }
  // Worked out once here rather than for each of thousands of SLOs.
  const sliWindows = recordedWindows(windows)
    .filter(ms => ms !== periodMs)
    .map(ms => formatPromDuration(ms));
  const burnRateFactors = new Map<AlertWindow, number>(
    allAlertWindows(windows).map(window => [
      window,
      burnRateFactor(period, window),
    ]),
  );
  return {
    periodMs,
    period,
    windows,
    sliWindows,
    burnRateFactors,
    extraLabels,
    disableAlerts: options.disableAlerts ?? false,
    disableRecordings: options.disableRecordings ?? false,
    absentErrorsAsZero: options.absentErrorsAsZero ?? false,
    mode: options.mode,
    version: options.version ?? DEFAULT_GENERATOR_VERSION,
  };
}

function allAlertWindows(windows: AlertWindows): AlertWindow[] {
  return [
    windows.page.quick,
    windows.page.slow,
    windows.ticket.quick,
    windows.ticket.slow,
  ];
}

/** Every window an alert reads, shortest first, each once. */
function recordedWindows(windows: AlertWindows): number[] {
  // Windows were validated by resolveOptions, so every duration parses.
  const durations = allAlertWindows(windows).flatMap(window => [
    parsePromDuration(window.shortWindow)!,
    parsePromDuration(window.longWindow)!,
  ]);
  return [...new Set(durations)].sort((a, b) => a - b);
}

function sliExpression(
  spec: ServiceLevelSpec,
  window: string,
  options: ResolvedOptions,
): string {
  if (spec.sli.type === 'raw') {
    return `(${renderWindowTemplate(spec.sli.errorRatioQuery, window)})`;
  }
  const errors = renderWindowTemplate(spec.sli.errorQuery, window);
  const total = renderWindowTemplate(spec.sli.totalQuery, window);
  if (options.absentErrorsAsZero) {
    // A counter such as http_requests_total{code=~"5.."} only exists after
    // the first error. `or on()` adds the zeros only when the error query
    // returns nothing at all, so errors under other labels than the total's
    // are not hidden behind a zero.
    return `((${errors})\nor on()\n(0 * (${total})))\n/\n(${total})\n`;
  }
  return `(${errors})\n/\n(${total})\n`;
}

function sliRecordingRules(
  spec: ServiceLevelSpec,
  labels: Record<string, string>,
  filter: string,
  options: ResolvedOptions,
  optimized: boolean,
): PrometheusRule[] {
  const ruleFor = (window: string, expr: string): PrometheusRule => ({
    record: sliErrorMetric(window),
    expr,
    labels: sortedLabels(
      mergeLabels(idLabels(spec), { [WINDOW_LABEL]: window }, labels),
    ),
  });
  const rules = options.sliWindows.map(window =>
    ruleFor(window, sliExpression(spec, window, options)),
  );
  if (!optimized) {
    // sli_rules' `disableOptimized`: the period queried like the others.
    rules.push(
      ruleFor(options.period, sliExpression(spec, options.period, options)),
    );
    return rules;
  }
  // The period ratio averages the shortest recording instead of querying
  // the raw series over 30 days: much cheaper, and a correct ratio of
  // ratios because every sample weighs the same.
  const base = sliErrorMetric(options.windows.page.quick.shortWindow);
  rules.push(
    ruleFor(
      options.period,
      `sum_over_time(${base}${filter}[${options.period}])\n/ ignoring (${WINDOW_LABEL})\ncount_over_time(${base}${filter}[${options.period}])\n`,
    ),
  );
  return rules;
}

function metadataRecordingRules(
  spec: ServiceLevelSpec,
  labels: Record<string, string>,
  filter: string,
  options: ResolvedOptions,
): PrometheusRule[] {
  const ruleLabels = sortedLabels(mergeLabels(idLabels(spec), labels));
  const objectiveRatio = formatGoFloat(spec.objectivePercent / 100);
  const burnRate = (sliMetric: string) =>
    `${sliMetric}${filter}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\n${ERROR_BUDGET_METRIC}${filter}\n`;
  const rule = (record: string, expr: string): PrometheusRule => ({
    record,
    expr,
    labels: ruleLabels,
  });
  return [
    rule('slo:objective:ratio', `vector(${objectiveRatio})`),
    rule(ERROR_BUDGET_METRIC, `vector(1-${objectiveRatio})`),
    rule(
      'slo:time_period:days',
      `vector(${formatGoFloat(durationHours(options.periodMs) / 24)})`,
    ),
    rule(
      'slo:current_burn_rate:ratio',
      burnRate(sliErrorMetric(options.windows.page.quick.shortWindow)),
    ),
    rule(PERIOD_BURN_RATE_METRIC, burnRate(sliErrorMetric(options.period))),
    rule(
      'slo:period_error_budget_remaining:ratio',
      `1 - ${PERIOD_BURN_RATE_METRIC}${filter}`,
    ),
    {
      record: 'sloth_slo_info',
      expr: 'vector(1)',
      labels: sortedLabels({
        ...ruleLabels,
        sloth_version: options.version,
        sloth_mode: options.mode ?? MODE_BY_FORMAT[spec.origin.format],
        sloth_spec: spec.origin.format,
        sloth_objective: formatGoFloatFixed(spec.objectivePercent),
      }),
    },
  ];
}

function alertRule(
  spec: ServiceLevelSpec,
  filter: string,
  alert: Extract<AlertSpec, { disabled: false }>,
  severity: 'page' | 'ticket',
  quick: AlertWindow,
  slow: AlertWindow,
  options: ResolvedOptions,
): PrometheusRule {
  const errorBudgetRatio = formatGoFloat((100 - spec.objectivePercent) / 100);
  const condition = (window: string, factor: number) =>
    `max(${sliErrorMetric(window)}${filter} > (${formatGoFloat(
      factor,
    )} * ${errorBudgetRatio})) without (${WINDOW_LABEL})`;
  // Fires when both windows of a pair burn fast: the long one proves the
  // burn is significant, the short one that it is still going on.
  const pair = (window: AlertWindow) => {
    const factor = options.burnRateFactors.get(window)!;
    return `(\n    ${condition(
      window.shortWindow,
      factor,
    )}\n    and\n    ${condition(window.longWindow, factor)}\n)`;
  };
  return {
    alert: alert.name,
    expr: `${pair(quick)}\nor\n${pair(slow)}\n`,
    labels: sortedLabels(
      mergeLabels({ sloth_severity: severity }, alert.labels),
    ),
    annotations: sortedLabels(
      mergeLabels(
        {
          title: `(${severity}) {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is too fast.`,
          summary:
            '{{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is over expected.',
        },
        alert.annotations,
      ),
    ),
  };
}

function alertRules(
  spec: ServiceLevelSpec,
  filter: string,
  options: ResolvedOptions,
): PrometheusRule[] {
  const { page, ticket } = spec.alerting;
  const { windows } = options;
  const rules: PrometheusRule[] = [];
  if (!page.disabled) {
    rules.push(
      alertRule(
        spec,
        filter,
        page,
        'page',
        windows.page.quick,
        windows.page.slow,
        options,
      ),
    );
  }
  if (!ticket.disabled) {
    rules.push(
      alertRule(
        spec,
        filter,
        ticket,
        'ticket',
        windows.ticket.quick,
        windows.ticket.slow,
        options,
      ),
    );
  }
  return rules;
}

/** Sloth's default plugin chain generates every group. */
const DEFAULT_RULE_STEPS: SloRuleSteps = {
  sliRecordings: { optimized: true },
  metadataRecordings: true,
  alerts: true,
};

function groupsForSpec(
  spec: ServiceLevelSpec,
  options: ResolvedOptions,
): PrometheusRuleGroup[] {
  if (
    spec.timeWindow !== undefined &&
    parsePromDuration(spec.timeWindow) !== options.periodMs
  ) {
    throw new SloGenerationError(
      `SLO ${JSON.stringify(spec.id)} declares a ${
        spec.timeWindow
      } time window but rules are generated for ${options.period}`,
    );
  }
  const labels = mergeLabels(spec.labels, options.extraLabels);
  const steps = spec.ruleSteps ?? DEFAULT_RULE_STEPS;
  const filter = promFilter(idLabels(spec));
  const groups: PrometheusRuleGroup[] = [];
  if (!options.disableRecordings && steps.sliRecordings) {
    groups.push({
      name: `sloth-slo-sli-recordings-${spec.id}`,
      rules: sliRecordingRules(
        spec,
        labels,
        filter,
        options,
        steps.sliRecordings.optimized,
      ),
    });
  }
  if (!options.disableRecordings && steps.metadataRecordings) {
    groups.push({
      name: `sloth-slo-meta-recordings-${spec.id}`,
      rules: metadataRecordingRules(spec, labels, filter, options),
    });
  }
  if (!options.disableAlerts && steps.alerts) {
    const rules = alertRules(spec, filter, options);
    if (rules.length > 0) {
      groups.push({ name: `sloth-slo-alerts-${spec.id}`, rules });
    }
  }
  return groups;
}

/**
 * The rule groups for the SLOs, in Sloth's order (per SLO: SLI recordings,
 * metadata recordings, alerts). Throws {@link SloGenerationError} for
 * invalid options (e.g. a period without alert windows).
 */
export function generateRules(
  specs: readonly ServiceLevelSpec[],
  options: GenerateRulesOptions = {},
): PrometheusRuleGroup[] {
  const resolved = resolveOptions(options);
  return specs.flatMap(spec => groupsForSpec(spec, resolved));
}

/**
 * Like {@link generateRules}, split per input document as Sloth writes its
 * output, with the Kubernetes metadata of CRD inputs; documents without
 * rules (e.g. everything disabled) are left out.
 */
export function generateRuleFiles(
  specs: readonly ServiceLevelSpec[],
  options: GenerateRulesOptions = {},
): PrometheusRuleFile[] {
  const resolved = resolveOptions(options);
  const files = new Map<string, PrometheusRuleFile>();
  for (const spec of specs) {
    const { source, documentIndex, kubernetes } = spec.origin;
    const key = JSON.stringify([source, documentIndex]);
    let file = files.get(key);
    if (!file) {
      file = {
        source,
        documentIndex,
        ...(kubernetes && { kubernetes }),
        groups: [],
      };
      files.set(key, file);
    }
    file.groups.push(...groupsForSpec(spec, resolved));
  }
  return [...files.values()].filter(file => file.groups.length > 0);
}
