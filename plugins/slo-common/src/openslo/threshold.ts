/**
 * OpenSLO v1 threshold SLIs: the share of one-minute samples in each window
 * that violate the objective's threshold.
 */
import type { SliSpec } from '../model';
import { findPromQlSyntaxProblem } from '../promql';

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

/** A threshold objective's SLI, or the problems of its `op` and `value`. */
export function readThresholdObjectiveSli(
  field: string,
  query: string,
  op: string | undefined,
  value: number | undefined,
): { sli?: SliSpec; problems: string[] } {
  const problems = findThresholdObjectiveProblems(field, op, value);
  if (problems.length > 0 || value === undefined) return { problems };
  return {
    problems,
    sli: {
      type: 'raw',
      errorRatioQuery: thresholdErrorRatio(
        query,
        op as OpenSloThresholdOperator,
        value,
      ),
    },
  };
}

/** Problems of a threshold SLI's query, which is an instantaneous value. */
export function findThresholdQueryProblems(
  field: string,
  query: string,
): string[] {
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
