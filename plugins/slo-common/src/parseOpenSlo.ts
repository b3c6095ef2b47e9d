/**
 * OpenSLO specs. Each objective of an OpenSLO `SLO` becomes one SLO named
 * `<metadata.name>-<objective index>`, as Sloth does for `openslo/v1alpha`;
 * `openslo/v1` is read the same way. Only Prometheus SLIs with
 * occurrence-based budgets and rolling windows can become Sloth-style rules:
 * ratio SLIs, and (v1) threshold SLIs as the share of one-minute samples
 * that violate the objective's threshold.
 */
import { z } from 'zod';
import {
  DocumentContext,
  originOf,
  warnUnknownFields,
} from './documentContext';
import { formatPromDuration, parsePromDuration } from './durations';
import type { ServiceLevelSpec, SliSpec, SpecFormat } from './model';
import { findPromQlSyntaxProblem } from './promql';
import {
  openSloV1AlphaObjectiveSchema,
  openSloV1AlphaSloSchema,
  openSloV1ObjectiveSchema,
  openSloV1SliSchema,
  OpenSloV1SliSpec,
  openSloV1SloSchema,
} from './schemas';
import {
  findNameProblem,
  findObjectiveProblem,
  findQueryProblems,
} from './validation';
import { parseLenient } from './zodHelpers';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Sloth's mapping of good/total to an error ratio, kept verbatim for identical rules. */
function goodOverTotalErrorRatio(good: string, total: string): string {
  return `\n  1 - (\n    (\n      ${good}\n    )\n    /\n    (\n      ${total}\n    )\n  )\n`;
}

function successRatioToErrorRatio(successRatio: string): string {
  return `\n  1 - (\n    ${successRatio}\n  )\n`;
}

/** OpenSLO v1 objective `op` values and the PromQL comparison of a good sample. */
export const OPENSLO_THRESHOLD_OPERATORS = {
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
} as const;

export type OpenSloThresholdOperator = keyof typeof OPENSLO_THRESHOLD_OPERATORS;

/** How often a threshold SLI's query is sampled within each window. */
const THRESHOLD_SAMPLE_STEP = '1m';

/**
 * The error ratio of a threshold SLI: the share of one-minute samples in the
 * window where `query op value` did not hold. `bool` keeps every sample (0 or
 * 1) of the series that exist, so missing data stays missing and no series
 * means no data rather than a perfect SLI. The query gets lines of its own
 * so that a trailing `# comment` cannot swallow the closing brackets.
 */
export function thresholdErrorRatio(
  query: string,
  op: OpenSloThresholdOperator,
  value: number,
): string {
  const comparison = OPENSLO_THRESHOLD_OPERATORS[op];
  // Parenthesised so that a negative threshold reads as one operand.
  const threshold = value < 0 ? `(${value})` : String(value);
  return `\n  1 - avg_over_time(\n    (\n      (\n        ${query}\n      ) ${comparison} bool ${threshold}\n    )[{{.window}}:${THRESHOLD_SAMPLE_STEP}]\n  )\n`;
}

/**
 * Problems of a threshold objective's `op` and `value`; `field` names the
 * objective (e.g. "objectives[0]") in messages.
 */
export function findThresholdObjectiveProblems(
  field: string,
  op: string | undefined,
  value: number | undefined,
): string[] {
  const problems: string[] = [];
  const ops = Object.keys(OPENSLO_THRESHOLD_OPERATORS)
    .map(name => JSON.stringify(name))
    .join(', ');
  if (op === undefined) {
    problems.push(
      `${field}.op is required with a thresholdMetric indicator (one of ${ops}: how a good sample compares to value)`,
    );
  } else if (
    !Object.prototype.hasOwnProperty.call(OPENSLO_THRESHOLD_OPERATORS, op)
  ) {
    problems.push(
      `${field}.op ${JSON.stringify(op)} is not supported: use one of ${ops}`,
    );
  }
  if (value === undefined) {
    problems.push(
      `${field}.value (the threshold) is required with a thresholdMetric indicator`,
    );
  } else if (!Number.isFinite(value)) {
    problems.push(`${field}.value must be a finite number (got ${value})`);
  }
  return problems;
}

/** Problems of a threshold SLI's query, which is an instantaneous value. */
function findThresholdQueryProblems(field: string, query: string): string[] {
  if (query.trim() === '') return [`${field} is required`];
  if (query.includes('{{')) {
    return [
      `${field} must not use template actions such as {{.window}}: a thresholdMetric query is an instantaneous value, sampled every ${THRESHOLD_SAMPLE_STEP} over each window (use a fixed range inside it, e.g. rate(x[5m]))`,
    ];
  }
  const syntaxProblem = findPromQlSyntaxProblem(query);
  return syntaxProblem
    ? [`${field} is not valid PromQL: it ${syntaxProblem}`]
    : [];
}

/** Problems common to both versions' document level. */
function findDocumentProblems(
  service: string,
  sloName: string,
  budgetingMethod: string | undefined,
): string[] {
  const problems: string[] = [];
  const serviceProblem = findNameProblem('spec.service', service);
  if (serviceProblem) problems.push(serviceProblem);
  const nameProblem = findNameProblem('metadata.name', sloName);
  if (nameProblem) problems.push(nameProblem);
  if (budgetingMethod !== undefined && budgetingMethod !== 'Occurrences') {
    problems.push(
      `budgetingMethod ${JSON.stringify(
        budgetingMethod,
      )} is not supported: only "Occurrences" can be expressed as Prometheus error-ratio rules`,
    );
  }
  return problems;
}

/** The period must be the one rules are generated for (one set of alert windows). */
function findPeriodMismatch(
  timeWindow: string,
  context: DocumentContext,
): string | undefined {
  const windowMs = parsePromDuration(timeWindow) ?? 0;
  if (windowMs === parsePromDuration(context.period)) return undefined;
  // Say "28d" rather than Prometheus' "4w": it is how SLO periods are named.
  const asWritten =
    windowMs % DAY_MS === 0 ? `${windowMs / DAY_MS}d` : timeWindow;
  return `the SLO time window is ${asWritten} but rules are generated for a ${context.period} SLO period: generate with period "${asWritten}" (Sloth has alert windows for 30d and 28d; others need custom windows) or change the time window`;
}

interface ObjectiveToSpec {
  service: string;
  description?: string;
  timeWindow?: string;
  format: SpecFormat;
}

function emitSpec(
  context: DocumentContext,
  base: ObjectiveToSpec,
  name: string,
  objectivePercent: number,
  sli: SliSpec,
): ServiceLevelSpec {
  return {
    id: `${base.service}-${name}`,
    service: base.service,
    name,
    ...(base.description !== undefined && { description: base.description }),
    objectivePercent,
    sli,
    labels: {},
    // OpenSLO alert policies do not map to Sloth's alerts; Sloth disables them.
    alerting: { page: { disabled: true }, ticket: { disabled: true } },
    ...(base.timeWindow !== undefined && { timeWindow: base.timeWindow }),
    origin: originOf(context, base.format),
  };
}

// ---------------------------------------------------------------------------
// openslo/v1alpha

function readV1AlphaTimeWindow(
  windows: z.infer<typeof openSloV1AlphaSloSchema>['spec']['timeWindows'],
): { timeWindow?: string; problem?: string } {
  if (!windows || windows.length === 0) return {};
  if (windows.length > 1)
    return { problem: 'only one time window is supported' };
  const [window] = windows;
  if (window.calendar !== undefined || window.isRolling === false) {
    return {
      problem:
        'calendar-aligned time windows are not supported: use a rolling window (e.g. count: 30, unit: Day)',
    };
  }
  if (window.unit.toLowerCase() !== 'day') {
    return {
      problem: `only day-based time windows are supported (got unit ${JSON.stringify(
        window.unit,
      )})`,
    };
  }
  if (!Number.isInteger(window.count) || window.count <= 0) {
    return {
      problem: `timeWindows[0].count must be a positive whole number of days (got ${window.count})`,
    };
  }
  return { timeWindow: formatPromDuration(window.count * DAY_MS) };
}

export function parseOpenSloV1AlphaDocument(
  value: unknown,
  context: DocumentContext,
): ServiceLevelSpec[] {
  const { issues, documentIndex } = context;
  const format = 'openslo/v1alpha';
  const envelope = parseLenient(
    openSloV1AlphaSloSchema.extend({
      spec: openSloV1AlphaSloSchema.shape.spec.extend({
        objectives: z.array(z.unknown()).min(1),
      }),
    }),
    value,
  );
  warnUnknownFields(context, format, envelope.unknownFields);
  if (!envelope.data) {
    envelope.problems.forEach(p => issues.error(p, { documentIndex }));
    return [];
  }
  const { metadata, spec } = envelope.data;
  const window = readV1AlphaTimeWindow(spec.timeWindows);
  const documentProblems = [
    ...findDocumentProblems(spec.service, metadata.name, spec.budgetingMethod),
    ...(window.problem ? [window.problem] : []),
  ];
  const mismatch =
    window.timeWindow && findPeriodMismatch(window.timeWindow, context);
  if (mismatch) documentProblems.push(mismatch);
  if (documentProblems.length > 0) {
    documentProblems.forEach(p =>
      issues.error(p, {
        documentIndex,
        service: spec.service,
        slo: metadata.name,
      }),
    );
    return [];
  }

  const base: ObjectiveToSpec = {
    service: spec.service,
    description: spec.description,
    timeWindow: window.timeWindow,
    format,
  };
  const specs: ServiceLevelSpec[] = [];
  spec.objectives.forEach((rawObjective, index) => {
    const name = `${metadata.name}-${index}`;
    const where = { documentIndex, service: spec.service, slo: name };
    const parsed = parseLenient(openSloV1AlphaObjectiveSchema, rawObjective, [
      'objectives',
      index,
    ]);
    warnUnknownFields(context, format, parsed.unknownFields, name);
    if (!parsed.data) {
      parsed.problems.forEach(p => issues.error(p, where));
      return;
    }
    const objective = parsed.data;
    const field = `objectives[${index}]`;
    const problems: string[] = [];
    if (!objective.ratioMetrics) {
      problems.push(
        `${field} has no ratioMetrics: only ratio objectives (good/total queries) are supported`,
      );
    } else {
      for (const part of ['good', 'total'] as const) {
        const query = objective.ratioMetrics[part];
        if (query.source !== 'prometheus' && query.source !== 'sloth') {
          problems.push(
            `${field}.ratioMetrics.${part}.source must be "prometheus" or "sloth" (got ${JSON.stringify(
              query.source,
            )})`,
          );
        }
        if (query.queryType !== 'promql') {
          problems.push(
            `${field}.ratioMetrics.${part}.queryType must be "promql" (got ${JSON.stringify(
              query.queryType,
            )})`,
          );
        }
        problems.push(
          ...findQueryProblems(
            `${field}.ratioMetrics.${part}.query`,
            query.query,
          ),
        );
      }
    }
    if (!(objective.target > 0 && objective.target <= 1)) {
      problems.push(
        `${field}.target must be > 0 and <= 1 (it is a ratio: 0.999 means 99.9%; got ${objective.target})`,
      );
    }
    problems.forEach(p => issues.error(p, where));
    if (problems.length === 0 && objective.ratioMetrics) {
      specs.push(
        emitSpec(context, base, name, objective.target * 100, {
          type: 'raw',
          errorRatioQuery: goodOverTotalErrorRatio(
            objective.ratioMetrics.good.query,
            objective.ratioMetrics.total.query,
          ),
        }),
      );
    }
  });
  return specs;
}

// ---------------------------------------------------------------------------
// openslo/v1

/** `kind: SLI` documents of a file, by `metadata.name`, for `indicatorRef`. */
export type OpenSloV1Indicators = Map<string, OpenSloV1SliSpec>;

/** Reads a `kind: SLI` document into `indicators`, reporting problems. */
export function collectOpenSloV1Indicator(
  value: unknown,
  context: DocumentContext,
  indicators: OpenSloV1Indicators,
) {
  const { issues, documentIndex } = context;
  const parsed = parseLenient(openSloV1SliSchema, value);
  warnUnknownFields(context, 'openslo/v1', parsed.unknownFields);
  if (!parsed.data) {
    parsed.problems.forEach(p => issues.error(p, { documentIndex }));
    return;
  }
  const { name } = parsed.data.metadata;
  if (indicators.has(name)) {
    issues.error(
      `a "kind: SLI" named ${JSON.stringify(name)} is defined twice`,
      {
        documentIndex,
      },
    );
    return;
  }
  indicators.set(name, parsed.data.spec);
}

type MetricSource = NonNullable<
  NonNullable<OpenSloV1SliSpec['ratioMetric']>['good']
>['metricSource'];

function findMetricSourceTypeProblem(path: string, source: MetricSource) {
  if (source.type !== undefined && source.type.toLowerCase() !== 'prometheus') {
    return `${path}.type ${JSON.stringify(
      source.type,
    )} is not supported: only Prometheus queries can be generated`;
  }
  return undefined;
}

/**
 * Turns an OpenSLO v1 indicator into a Sloth SLI, or explains why it cannot.
 * A threshold indicator gives its query instead: the SLI depends on each
 * objective's `op` and `value`.
 */
function toSli(
  indicator: OpenSloV1SliSpec,
  field: string,
): { sli?: SliSpec; thresholdQuery?: string; problems: string[] } {
  if (indicator.thresholdMetric && indicator.ratioMetric) {
    return {
      problems: [
        `${field} must set either ratioMetric or thresholdMetric, not both`,
      ],
    };
  }
  if (indicator.thresholdMetric) {
    const path = `${field}.thresholdMetric.metricSource`;
    const source = indicator.thresholdMetric.metricSource;
    const typeProblem = findMetricSourceTypeProblem(path, source);
    const problems = [
      ...(typeProblem ? [typeProblem] : []),
      ...findThresholdQueryProblems(`${path}.spec.query`, source.spec.query),
    ];
    return problems.length > 0
      ? { problems }
      : { problems, thresholdQuery: source.spec.query.trim() };
  }
  const ratio = indicator.ratioMetric;
  if (!ratio) {
    return {
      problems: [
        `${field}.ratioMetric or ${field}.thresholdMetric is required`,
      ],
    };
  }
  const problems: string[] = [];
  const query = (part: string, source: MetricSource) => {
    const path = `${field}.ratioMetric.${part}.metricSource`;
    const typeProblem = findMetricSourceTypeProblem(path, source);
    if (typeProblem) problems.push(typeProblem);
    problems.push(
      ...findQueryProblems(`${path}.spec.query`, source.spec.query),
    );
    return source.spec.query;
  };

  if (ratio.raw) {
    if (!ratio.rawType) {
      problems.push(
        `${field}.ratioMetric.rawType is required with raw ("success" or "failure")`,
      );
    }
    const raw = query('raw', ratio.raw.metricSource);
    if (problems.length > 0) return { problems };
    return {
      problems,
      sli: {
        type: 'raw',
        errorRatioQuery:
          ratio.rawType === 'failure' ? raw : successRatioToErrorRatio(raw),
      },
    };
  }
  if (ratio.good && ratio.bad) {
    problems.push(`${field}.ratioMetric must set either good or bad, not both`);
  } else if (!ratio.good && !ratio.bad) {
    problems.push(`${field}.ratioMetric needs good or bad (and total)`);
  }
  if (!ratio.total) problems.push(`${field}.ratioMetric.total is required`);
  const good = ratio.good && query('good', ratio.good.metricSource);
  const bad = ratio.bad && query('bad', ratio.bad.metricSource);
  const total = ratio.total && query('total', ratio.total.metricSource);
  if (problems.length > 0 || total === undefined) return { problems };
  if (bad !== undefined) {
    return {
      problems,
      sli: { type: 'events', errorQuery: bad, totalQuery: total },
    };
  }
  return {
    problems,
    sli: {
      type: 'raw',
      errorRatioQuery: goodOverTotalErrorRatio(good ?? '', total),
    },
  };
}

function readV1TimeWindow(
  windows: z.infer<typeof openSloV1SloSchema>['spec']['timeWindow'],
): { timeWindow?: string; problem?: string } {
  if (!windows || windows.length === 0) return {};
  if (windows.length > 1)
    return { problem: 'only one timeWindow is supported' };
  const [window] = windows;
  if (window.calendar !== undefined || window.isRolling === false) {
    return {
      problem:
        'calendar-aligned time windows are not supported: use a rolling window (isRolling: true, duration such as 30d or 28d)',
    };
  }
  // OpenSLO durations are <number><unit> with m, h, d, w, M, Q or Y.
  if (/^\d+[MQY]$/.test(window.duration)) {
    return {
      problem: `timeWindow duration ${JSON.stringify(
        window.duration,
      )} has no fixed length: use days or weeks (e.g. 30d, 28d, 4w)`,
    };
  }
  const ms = /^\d+[mhdw]$/.test(window.duration)
    ? parsePromDuration(window.duration)
    : undefined;
  if (!ms) {
    return {
      problem: `timeWindow duration ${JSON.stringify(
        window.duration,
      )} is not a duration such as 30d or 28d`,
    };
  }
  return { timeWindow: formatPromDuration(ms) };
}

export function parseOpenSloV1Document(
  value: unknown,
  context: DocumentContext,
  indicators: OpenSloV1Indicators,
): ServiceLevelSpec[] {
  const { issues, documentIndex } = context;
  const format = 'openslo/v1';
  const envelope = parseLenient(
    openSloV1SloSchema.extend({
      spec: openSloV1SloSchema.shape.spec.extend({
        objectives: z.array(z.unknown()).min(1),
      }),
    }),
    value,
  );
  warnUnknownFields(context, format, envelope.unknownFields);
  if (!envelope.data) {
    envelope.problems.forEach(p => issues.error(p, { documentIndex }));
    return [];
  }
  const { metadata, spec } = envelope.data;
  const where = { documentIndex, service: spec.service, slo: metadata.name };

  const problems = findDocumentProblems(
    spec.service,
    metadata.name,
    spec.budgetingMethod,
  );
  const window = readV1TimeWindow(spec.timeWindow);
  if (window.problem) problems.push(window.problem);
  const mismatch =
    window.timeWindow && findPeriodMismatch(window.timeWindow, context);
  if (mismatch) problems.push(mismatch);

  let indicator: OpenSloV1SliSpec | undefined;
  let indicatorField = 'spec.indicator.spec';
  if (spec.indicator && spec.indicatorRef !== undefined) {
    problems.push('set either spec.indicator or spec.indicatorRef, not both');
  } else if (spec.indicator) {
    indicator = spec.indicator.spec;
  } else if (spec.indicatorRef !== undefined) {
    indicator = indicators.get(spec.indicatorRef);
    indicatorField = `SLI ${JSON.stringify(spec.indicatorRef)}`;
    if (!indicator) {
      problems.push(
        `spec.indicatorRef ${JSON.stringify(
          spec.indicatorRef,
        )} does not match any "kind: SLI" document in ${context.source}`,
      );
    }
  } else {
    problems.push('spec.indicator or spec.indicatorRef is required');
  }
  const sli = indicator && toSli(indicator, indicatorField);
  if (sli) problems.push(...sli.problems);

  if (spec.alertPolicies && spec.alertPolicies.length > 0) {
    issues.warning(
      'spec.alertPolicies are ignored: OpenSLO SLOs get no page or ticket alerts (as in Sloth)',
      where,
    );
  }
  if (problems.length > 0 || (!sli?.sli && sli?.thresholdQuery === undefined)) {
    problems.forEach(p => issues.error(p, where));
    return [];
  }

  const base: ObjectiveToSpec = {
    service: spec.service,
    description: spec.description,
    timeWindow: window.timeWindow,
    format,
  };
  const specs: ServiceLevelSpec[] = [];
  spec.objectives.forEach((rawObjective, index) => {
    const name = `${metadata.name}-${index}`;
    const objectiveWhere = { ...where, slo: name };
    const parsed = parseLenient(openSloV1ObjectiveSchema, rawObjective, [
      'objectives',
      index,
    ]);
    warnUnknownFields(context, format, parsed.unknownFields, name);
    if (!parsed.data) {
      parsed.problems.forEach(p => issues.error(p, objectiveWhere));
      return;
    }
    const { target, targetPercent, op, value: threshold } = parsed.data;
    const field = `objectives[${index}]`;
    let objectivePercent: number | undefined;
    let problem: string | undefined;
    if (target !== undefined && targetPercent !== undefined) {
      problem = `${field}: set either target or targetPercent, not both`;
    } else if (target !== undefined) {
      objectivePercent = target * 100;
      if (!(target > 0 && target <= 1)) {
        problem = `${field}.target must be > 0 and <= 1 (it is a ratio: 0.999 means 99.9%; got ${target})`;
      }
    } else if (targetPercent !== undefined) {
      objectivePercent = targetPercent;
      problem = findObjectiveProblem(targetPercent)?.replace(
        'objective',
        `${field}.targetPercent`,
      );
    } else {
      problem = `${field}.target (a ratio such as 0.999) or ${field}.targetPercent is required`;
    }
    const objectiveProblems = problem ? [problem] : [];
    let objectiveSli = sli.sli;
    if (sli.thresholdQuery !== undefined) {
      objectiveProblems.push(
        ...findThresholdObjectiveProblems(field, op, threshold),
      );
      if (objectiveProblems.length === 0 && threshold !== undefined) {
        objectiveSli = {
          type: 'raw',
          errorRatioQuery: thresholdErrorRatio(
            sli.thresholdQuery,
            op as OpenSloThresholdOperator,
            threshold,
          ),
        };
      }
    }
    if (
      objectiveProblems.length > 0 ||
      objectivePercent === undefined ||
      !objectiveSli
    ) {
      (objectiveProblems.length > 0
        ? objectiveProblems
        : [`${field} is invalid`]
      ).forEach(p => issues.error(p, objectiveWhere));
      return;
    }
    specs.push(emitSpec(context, base, name, objectivePercent, objectiveSli));
  });
  return specs;
}
