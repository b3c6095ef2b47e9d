/**
 * What `openslo/v1alpha` and `openslo/v1` SLO documents share: the checks
 * of the document itself, its single rolling time window, and reading each
 * objective into a spec.
 */
import { z } from 'zod';
import {
  DocumentContext,
  originOf,
  warnUnknownFields,
} from '../documentContext';
import { parsePromDuration } from '../durations';
import type { IssueLocation } from '../issues';
import type { ServiceLevelSpec, SliSpec, SpecFormat } from '../model';
import { findNameProblem } from '../validation';
import { parseLenient } from '../zodHelpers';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Sloth's mapping of good/total to an error ratio, kept verbatim for identical rules. */
export function goodOverTotalErrorRatio(good: string, total: string): string {
  return `\n  1 - (\n    (\n      ${good}\n    )\n    /\n    (\n      ${total}\n    )\n  )\n`;
}

/**
 * Replaces an SLO schema's objectives: each objective is parsed on its own
 * (see readObjectives), so that a bad one does not hide the others.
 */
export const UNPARSED_OBJECTIVES = {
  objectives: z.array(z.unknown()).min(1),
};

/**
 * Parses a whole document, warning of unknown fields; a document that does
 * not parse is reported and gives `undefined`.
 */
export function readDocument<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  value: unknown,
  context: DocumentContext,
  format: SpecFormat,
): T | undefined {
  const parsed = parseLenient(schema, value);
  warnUnknownFields(context, format, parsed.unknownFields);
  if (!parsed.data) {
    parsed.problems.forEach(p =>
      context.issues.error(p, { documentIndex: context.documentIndex }),
    );
  }
  return parsed.data;
}

/** A version's time window as a Prometheus duration, or why it has none. */
export interface TimeWindowReading {
  timeWindow?: string;
  problem?: string;
}

/**
 * The time window of the one rolling window both versions accept, its
 * length read by `readLength`; `windowName` and `rollingExample` word
 * problems as the version spells it.
 */
export function readRollingTimeWindow<
  W extends { isRolling?: boolean; calendar?: unknown },
>(
  windows: W[] | undefined,
  windowName: string,
  rollingExample: string,
  readLength: (window: W) => TimeWindowReading,
): TimeWindowReading {
  if (!windows || windows.length === 0) return {};
  if (windows.length > 1) {
    return { problem: `only one ${windowName} is supported` };
  }
  const [window] = windows;
  if (window.calendar !== undefined || window.isRolling === false) {
    return {
      problem: `calendar-aligned time windows are not supported: use a rolling window (${rollingExample})`,
    };
  }
  return readLength(window);
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

/** What both versions' SLO documents have in common. */
export interface SloDocument {
  metadata: { name: string };
  spec: {
    service: string;
    description?: string;
    budgetingMethod?: string;
    objectives: unknown[];
  };
}

/** Where problems of an SLO document as a whole are reported. */
function sloLocation(
  context: DocumentContext,
  { metadata, spec }: SloDocument,
): IssueLocation {
  return {
    documentIndex: context.documentIndex,
    service: spec.service,
    slo: metadata.name,
  };
}

/** Problems of an SLO document's names, budgeting method and time window. */
function findSloDocumentProblems(
  context: DocumentContext,
  { metadata, spec }: SloDocument,
  window: TimeWindowReading,
): string[] {
  const problems: string[] = [];
  const serviceProblem = findNameProblem('spec.service', spec.service);
  if (serviceProblem) problems.push(serviceProblem);
  const nameProblem = findNameProblem('metadata.name', metadata.name);
  if (nameProblem) problems.push(nameProblem);
  const { budgetingMethod } = spec;
  if (budgetingMethod !== undefined && budgetingMethod !== 'Occurrences') {
    problems.push(
      `budgetingMethod ${JSON.stringify(
        budgetingMethod,
      )} is not supported: only "Occurrences" can be expressed as Prometheus error-ratio rules`,
    );
  }
  if (window.problem) problems.push(window.problem);
  const mismatch =
    window.timeWindow && findPeriodMismatch(window.timeWindow, context);
  if (mismatch) problems.push(mismatch);
  return problems;
}

/** Problem of an objective's `target`, a ratio; `field` names the objective. */
export function findTargetRatioProblem(
  field: string,
  target: number,
): string | undefined {
  return target > 0 && target <= 1
    ? undefined
    : `${field}.target must be > 0 and <= 1 (it is a ratio: 0.999 means 99.9%; got ${target})`;
}

/** An objective as a spec's objective and SLI, or the problems that stop it. */
export interface ObjectiveReading {
  problems: string[];
  objectivePercent?: number;
  sli?: SliSpec;
}

/**
 * Each objective becomes one spec named `<metadata.name>-<objective index>`,
 * as Sloth does. `readObjective` gets the parsed objective and its field
 * (e.g. "objectives[0]") for messages.
 */
function readObjectives<O>(
  context: DocumentContext,
  format: SpecFormat,
  { metadata, spec }: SloDocument,
  timeWindow: string | undefined,
  schema: z.ZodType<O, z.ZodTypeDef, unknown>,
  readObjective: (objective: O, field: string) => ObjectiveReading,
): ServiceLevelSpec[] {
  const specs: ServiceLevelSpec[] = [];
  spec.objectives.forEach((rawObjective, index) => {
    const name = `${metadata.name}-${index}`;
    const where = {
      documentIndex: context.documentIndex,
      service: spec.service,
      slo: name,
    };
    const parsed = parseLenient(schema, rawObjective, ['objectives', index]);
    warnUnknownFields(context, format, parsed.unknownFields, name);
    if (!parsed.data) {
      parsed.problems.forEach(p => context.issues.error(p, where));
      return;
    }
    const field = `objectives[${index}]`;
    const { problems, objectivePercent, sli } = readObjective(
      parsed.data,
      field,
    );
    if (problems.length > 0 || objectivePercent === undefined || !sli) {
      (problems.length > 0 ? problems : [`${field} is invalid`]).forEach(p =>
        context.issues.error(p, where),
      );
      return;
    }
    specs.push({
      id: `${spec.service}-${name}`,
      service: spec.service,
      name,
      ...(spec.description !== undefined && { description: spec.description }),
      objectivePercent,
      sli,
      labels: {},
      // OpenSLO alert policies do not map to Sloth's alerts; Sloth disables them.
      alerting: { page: { disabled: true }, ticket: { disabled: true } },
      ...(timeWindow !== undefined && { timeWindow }),
      origin: originOf(context, format),
    });
  });
  return specs;
}

/** What differs between the versions' SLO documents. */
export interface OpenSloVersion<D extends SloDocument, O> {
  format: SpecFormat;
  /** The SLO document with UNPARSED_OBJECTIVES. */
  documentSchema: z.ZodType<D, z.ZodTypeDef, unknown>;
  objectiveSchema: z.ZodType<O, z.ZodTypeDef, unknown>;
  readTimeWindow(spec: D['spec']): TimeWindowReading;
  /**
   * The document's problems beyond those both versions have, and how its
   * objectives are read when there are none; warnings go to `where`.
   */
  prepareObjectives(
    document: D,
    where: IssueLocation,
  ): {
    problems: string[];
    readObjective?: (objective: O, field: string) => ObjectiveReading;
  };
}

/** Reads an SLO document of `version`; a document with problems gives no specs. */
export function parseSloDocument<D extends SloDocument, O>(
  value: unknown,
  context: DocumentContext,
  version: OpenSloVersion<D, O>,
): ServiceLevelSpec[] {
  const { format } = version;
  const document = readDocument(version.documentSchema, value, context, format);
  if (!document) return [];
  const where = sloLocation(context, document);
  const window = version.readTimeWindow(document.spec);
  const problems = findSloDocumentProblems(context, document, window);
  const prepared = version.prepareObjectives(document, where);
  problems.push(...prepared.problems);
  if (problems.length > 0 || !prepared.readObjective) {
    problems.forEach(p => context.issues.error(p, where));
    return [];
  }
  return readObjectives(
    context,
    format,
    document,
    window.timeWindow,
    version.objectiveSchema,
    prepared.readObjective,
  );
}
