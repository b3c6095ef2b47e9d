/**
 * `openslo/v1` SLO documents, read the way Sloth reads `openslo/v1alpha`:
 * ratio SLIs, and threshold SLIs as the share of one-minute samples that
 * violate each objective's threshold.
 */
import { z } from 'zod';
import type { DocumentContext } from '../documentContext';
import { formatPromDuration, parsePromDuration } from '../durations';
import type { ServiceLevelSpec } from '../model';
import { openSloV1ObjectiveSchema, openSloV1SloSchema } from '../schemas';
import { findObjectiveProblem } from '../validation';
import {
  findTargetRatioProblem,
  ObjectiveReading,
  parseSloDocument,
  readRollingTimeWindow,
  TimeWindowReading,
  UNPARSED_OBJECTIVES,
} from './shared';
import { readThresholdObjectiveSli } from './threshold';
import {
  OpenSloV1Indicators,
  readV1IndicatorSli,
  resolveV1Indicator,
  V1IndicatorReading,
} from './v1Indicators';

function readV1WindowLength(window: { duration: string }): TimeWindowReading {
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

/** An objective's `target` (a ratio) or `targetPercent` as a percentage. */
function readV1Target(
  field: string,
  target: number | undefined,
  targetPercent: number | undefined,
): { objectivePercent?: number; problem?: string } {
  if (target !== undefined && targetPercent !== undefined) {
    return {
      problem: `${field}: set either target or targetPercent, not both`,
    };
  }
  if (target !== undefined) {
    return {
      objectivePercent: target * 100,
      problem: findTargetRatioProblem(field, target),
    };
  }
  if (targetPercent !== undefined) {
    return {
      objectivePercent: targetPercent,
      problem: findObjectiveProblem(targetPercent)?.replace(
        'objective',
        `${field}.targetPercent`,
      ),
    };
  }
  return {
    problem: `${field}.target (a ratio such as 0.999) or ${field}.targetPercent is required`,
  };
}

function readV1Objective(
  indicator: V1IndicatorReading,
  objective: z.infer<typeof openSloV1ObjectiveSchema>,
  field: string,
): ObjectiveReading {
  const { objectivePercent, problem } = readV1Target(
    field,
    objective.target,
    objective.targetPercent,
  );
  const problems = problem ? [problem] : [];
  if (indicator.thresholdQuery === undefined) {
    return { problems, objectivePercent, sli: indicator.sli };
  }
  const threshold = readThresholdObjectiveSli(
    field,
    indicator.thresholdQuery,
    objective.op,
    objective.value,
  );
  return {
    problems: [...problems, ...threshold.problems],
    objectivePercent,
    sli: threshold.sli,
  };
}

export function parseOpenSloV1Document(
  value: unknown,
  context: DocumentContext,
  indicators: OpenSloV1Indicators,
): ServiceLevelSpec[] {
  return parseSloDocument(value, context, {
    format: 'openslo/v1',
    documentSchema: openSloV1SloSchema.extend({
      spec: openSloV1SloSchema.shape.spec.extend(UNPARSED_OBJECTIVES),
    }),
    objectiveSchema: openSloV1ObjectiveSchema,
    readTimeWindow: spec =>
      readRollingTimeWindow(
        spec.timeWindow,
        'timeWindow',
        'isRolling: true, duration such as 30d or 28d',
        readV1WindowLength,
      ),
    prepareObjectives: ({ spec }, where) => {
      const resolved = resolveV1Indicator(spec, indicators, context);
      const problems = resolved.problem ? [resolved.problem] : [];
      const sli =
        resolved.indicator &&
        readV1IndicatorSli(resolved.indicator, resolved.field);
      if (sli) problems.push(...sli.problems);
      if (spec.alertPolicies && spec.alertPolicies.length > 0) {
        context.issues.warning(
          'spec.alertPolicies are ignored: OpenSLO SLOs get no page or ticket alerts (as in Sloth)',
          where,
        );
      }
      if (!sli || (!sli.sli && sli.thresholdQuery === undefined)) {
        return { problems };
      }
      return {
        problems,
        readObjective: (objective, field) =>
          readV1Objective(sli, objective, field),
      };
    },
  });
}
