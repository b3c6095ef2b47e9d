/**
 * Sloth's validation rules for a normalised SLO (pkg/common/validation in
 * Sloth v0.16.0), reporting every problem rather than only the first.
 */
import {
  findPromQlSyntaxProblem,
  findQueryTemplateProblem,
  renderWindowTemplate,
} from './promql';
import type { AlertSpec, SliSpec } from './model';

/** Sloth's name rule for services, SLOs and IDs. */
const NAME_PATTERN = /^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$/;
/**
 * Prometheus' classic label-name syntax. Sloth v0.16 also accepts UTF-8
 * names, but Prometheus 2.x (and its promtool) rejects them in rule files.
 */
const LABEL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** `undefined` if `name` is a valid service/SLO name, else the problem. */
export function findNameProblem(what: string, name: string) {
  if (name === '') return `${what} is required`;
  if (!NAME_PATTERN.test(name)) {
    return `${what} ${JSON.stringify(
      name,
    )} is invalid: it must start and end with a letter or digit and contain only letters, digits, ".", "_" and "-"`;
  }
  return undefined;
}

export function findLabelProblems(
  what: string,
  labels: Record<string, string>,
): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    if (key === '__name__') {
      problems.push(`${what} key "__name__" is not allowed`);
    } else if (!LABEL_NAME_PATTERN.test(key)) {
      problems.push(
        `${what} key ${JSON.stringify(
          key,
        )} is not a valid Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)`,
      );
    }
    if (value === '') {
      problems.push(`${what} ${JSON.stringify(key)} needs a non-empty value`);
    }
  }
  return problems;
}

export function findAnnotationProblems(
  what: string,
  annotations: Record<string, string>,
): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    if (!LABEL_NAME_PATTERN.test(key)) {
      problems.push(
        `${what} key ${JSON.stringify(
          key,
        )} is not a valid annotation name ([a-zA-Z_][a-zA-Z0-9_]*)`,
      );
    }
    if (value === '') {
      problems.push(`${what} ${JSON.stringify(key)} needs a non-empty value`);
    }
  }
  return problems;
}

export function findObjectiveProblem(objectivePercent: number) {
  if (
    !Number.isFinite(objectivePercent) ||
    objectivePercent <= 0 ||
    objectivePercent > 100
  ) {
    return `objective must be > 0 and <= 100 (got ${objectivePercent})`;
  }
  return undefined;
}

/** Problems of one `{{.window}}` query template; `field` names it in messages. */
export function findQueryProblems(
  field: string,
  queryTemplate: string,
): string[] {
  if (queryTemplate.trim() === '') return [`${field} is required`];
  const templateProblem = findQueryTemplateProblem(queryTemplate);
  if (templateProblem) return [`${field} ${templateProblem}`];
  // Same trick as Sloth: render with a sample window, then check the PromQL.
  const syntaxProblem = findPromQlSyntaxProblem(
    renderWindowTemplate(queryTemplate, '1m'),
  );
  return syntaxProblem
    ? [`${field} is not valid PromQL: it ${syntaxProblem}`]
    : [];
}

/** Field names as the spec format spells them, for messages. */
export interface SliFieldNames {
  errorQuery: string;
  totalQuery: string;
  errorRatioQuery: string;
}

export function findSliProblems(sli: SliSpec, fields: SliFieldNames): string[] {
  if (sli.type === 'raw') {
    return findQueryProblems(fields.errorRatioQuery, sli.errorRatioQuery);
  }
  const problems = [
    ...findQueryProblems(fields.errorQuery, sli.errorQuery),
    ...findQueryProblems(fields.totalQuery, sli.totalQuery),
  ];
  if (sli.errorQuery.trim() !== '' && sli.errorQuery === sli.totalQuery) {
    problems.push(
      `${fields.errorQuery} and ${fields.totalQuery} must differ (an SLI that is always 100% errors is a typo)`,
    );
  }
  return problems;
}

/**
 * Problems of an enabled alert. Messages do not say "page" or "ticket" so the
 * caller can de-duplicate those coming from labels both alerts share.
 */
export function findAlertProblems(
  alert: AlertSpec,
  nameField: string,
): string[] {
  if (alert.disabled) return [];
  const problems: string[] = [];
  if (alert.name === '') {
    problems.push(
      `${nameField} is required when the page or ticket alert is enabled (set a name, or disable both alerts)`,
    );
  }
  problems.push(...findLabelProblems('alert label', alert.labels));
  problems.push(
    ...findAnnotationProblems('alert annotation', alert.annotations),
  );
  return problems;
}
