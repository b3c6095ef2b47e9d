/** `openslo/v1alpha` SLO documents, read as Sloth reads them. */
import { z } from 'zod';
import type { DocumentContext } from '../documentContext';
import { formatPromDuration } from '../durations';
import type { ServiceLevelSpec } from '../model';
import {
  openSloV1AlphaObjectiveSchema,
  openSloV1AlphaSloSchema,
} from '../schemas';
import { findQueryProblems } from '../validation';
import {
  DAY_MS,
  findTargetRatioProblem,
  goodOverTotalErrorRatio,
  ObjectiveReading,
  parseSloDocument,
  readRollingTimeWindow,
  TimeWindowReading,
  UNPARSED_OBJECTIVES,
} from './shared';

function readV1AlphaWindowLength(window: {
  count: number;
  unit: string;
}): TimeWindowReading {
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

/** Only ratio objectives of Prometheus queries become SLIs. */
function readV1AlphaObjective(
  objective: z.infer<typeof openSloV1AlphaObjectiveSchema>,
  field: string,
): ObjectiveReading {
  const problems: string[] = [];
  const { ratioMetrics } = objective;
  if (!ratioMetrics) {
    problems.push(
      `${field} has no ratioMetrics: only ratio objectives (good/total queries) are supported`,
    );
  } else {
    for (const part of ['good', 'total'] as const) {
      const query = ratioMetrics[part];
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
  const targetProblem = findTargetRatioProblem(field, objective.target);
  if (targetProblem) problems.push(targetProblem);
  if (problems.length > 0 || !ratioMetrics) return { problems };
  return {
    problems,
    objectivePercent: objective.target * 100,
    sli: {
      type: 'raw',
      errorRatioQuery: goodOverTotalErrorRatio(
        ratioMetrics.good.query,
        ratioMetrics.total.query,
      ),
    },
  };
}

export function parseOpenSloV1AlphaDocument(
  value: unknown,
  context: DocumentContext,
): ServiceLevelSpec[] {
  return parseSloDocument(value, context, {
    format: 'openslo/v1alpha',
    documentSchema: openSloV1AlphaSloSchema.extend({
      spec: openSloV1AlphaSloSchema.shape.spec.extend(UNPARSED_OBJECTIVES),
    }),
    objectiveSchema: openSloV1AlphaObjectiveSchema,
    readTimeWindow: spec =>
      readRollingTimeWindow(
        spec.timeWindows,
        'time window',
        'e.g. count: 30, unit: Day',
        readV1AlphaWindowLength,
      ),
    prepareObjectives: () => ({
      problems: [],
      readObjective: readV1AlphaObjective,
    }),
  });
}
