/**
 * OpenSLO v1 indicators (SLIs), inline in an SLO or as `kind: SLI`
 * documents it refers to, and the Sloth SLI each becomes.
 */
import type { DocumentContext } from '../documentContext';
import type { SliSpec } from '../model';
import { openSloV1SliSchema, OpenSloV1SliSpec, OpenSloV1Slo } from '../schemas';
import { findQueryProblems } from '../validation';
import { goodOverTotalErrorRatio, readDocument } from './shared';
import { findThresholdQueryProblems } from './threshold';

/** `kind: SLI` documents of a file, by `metadata.name`, for `indicatorRef`. */
export type OpenSloV1Indicators = Map<string, OpenSloV1SliSpec>;

/** Reads a `kind: SLI` document into `indicators`, reporting problems. */
export function collectOpenSloV1Indicator(
  value: unknown,
  context: DocumentContext,
  indicators: OpenSloV1Indicators,
) {
  const document = readDocument(
    openSloV1SliSchema,
    value,
    context,
    'openslo/v1',
  );
  if (!document) return;
  const { name } = document.metadata;
  if (indicators.has(name)) {
    context.issues.error(
      `a "kind: SLI" named ${JSON.stringify(name)} is defined twice`,
      { documentIndex: context.documentIndex },
    );
    return;
  }
  indicators.set(name, document.spec);
}

/**
 * The indicator of an SLO, inline or by `indicatorRef`, and how messages
 * name it; or the problem that leaves it without one.
 */
export function resolveV1Indicator(
  spec: Pick<OpenSloV1Slo['spec'], 'indicator' | 'indicatorRef'>,
  indicators: OpenSloV1Indicators,
  context: DocumentContext,
): { indicator?: OpenSloV1SliSpec; field: string; problem?: string } {
  const field = 'spec.indicator.spec';
  if (spec.indicator && spec.indicatorRef !== undefined) {
    return {
      field,
      problem: 'set either spec.indicator or spec.indicatorRef, not both',
    };
  }
  if (spec.indicator) return { indicator: spec.indicator.spec, field };
  if (spec.indicatorRef === undefined) {
    return {
      field,
      problem: 'spec.indicator or spec.indicatorRef is required',
    };
  }
  const ref = JSON.stringify(spec.indicatorRef);
  const indicator = indicators.get(spec.indicatorRef);
  return indicator
    ? { indicator, field: `SLI ${ref}` }
    : {
        field: `SLI ${ref}`,
        problem: `spec.indicatorRef ${ref} does not match any "kind: SLI" document in ${context.source}`,
      };
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

function successRatioToErrorRatio(successRatio: string): string {
  return `\n  1 - (\n    ${successRatio}\n  )\n`;
}

/**
 * An indicator as a Sloth SLI, or why it cannot be one. A threshold
 * indicator gives its query instead: the SLI depends on each objective's
 * `op` and `value`.
 */
export interface V1IndicatorReading {
  sli?: SliSpec;
  thresholdQuery?: string;
  problems: string[];
}

/** Reads `indicator`; `field` names it in messages. */
export function readV1IndicatorSli(
  indicator: OpenSloV1SliSpec,
  field: string,
): V1IndicatorReading {
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
