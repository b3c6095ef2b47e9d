/**
 * The entry points for reading SLO specs: YAML text (possibly several `---`
 * documents, possibly mixing formats) in, normalised SLOs and located
 * problems out. A bad SLO never hides the good ones.
 */
import { isMap, parseAllDocuments } from 'yaml';
import { DocumentContext } from './documentContext';
import { readDocumentsFast } from './fastDocuments';
import { normalizePromDuration } from './durations';
import { coerceSlothLabelScalars } from './goScalars';
import { describeOrigin, IssueCollector } from './issues';
import type {
  ParseSloSpecsResult,
  ServiceLevelSpec,
  SloSpecError,
} from './model';
import {
  collectOpenSloV1Indicator,
  OpenSloV1Indicators,
  parseOpenSloV1AlphaDocument,
  parseOpenSloV1Document,
} from './parseOpenSlo';
import { parseSlothDocument } from './parseSloth';

export interface ParseSloSpecsOptions {
  /** Names the input in messages and in each spec's origin, e.g. a file path. */
  source: string;
  /**
   * The SLO period rules will be generated for (default "30d"). Sloth specs
   * take it as theirs; OpenSLO specs declaring another time window are rejected.
   */
  period?: string;
}

const SUPPORTED_FORMATS =
  '"version: prometheus/v1" (Sloth), "apiVersion: sloth.slok.dev/v1" with "kind: PrometheusServiceLevel" (Sloth CRD), or "apiVersion: openslo/v1alpha" / "openslo/v1" with "kind: SLO"';

type DocumentKind =
  | {
      kind:
        | 'prometheus/v1'
        | 'sloth.slok.dev/v1'
        | 'openslo/v1alpha'
        | 'openslo/v1';
    }
  | { kind: 'openslo/v1 SLI' }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; problem: string };

function classify(value: unknown): DocumentKind {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      kind: 'invalid',
      problem: `expected a mapping with ${SUPPORTED_FORMATS}`,
    };
  }
  const { version, apiVersion, kind } = value as Record<string, unknown>;
  if (version !== undefined) {
    if (version === 'prometheus/v1') return { kind: 'prometheus/v1' };
    return {
      kind: 'invalid',
      problem: `unsupported spec version ${JSON.stringify(
        version,
      )}: expected ${SUPPORTED_FORMATS}`,
    };
  }
  if (apiVersion === 'sloth.slok.dev/v1') {
    if (kind === 'PrometheusServiceLevel') return { kind: 'sloth.slok.dev/v1' };
    return {
      kind: 'invalid',
      problem:
        kind === 'AlertWindows'
          ? 'this is a Sloth alert windows file, not an SLO spec: read it with parseAlertWindows()'
          : `unsupported kind ${JSON.stringify(
              kind,
            )} for apiVersion sloth.slok.dev/v1: expected "PrometheusServiceLevel"`,
    };
  }
  if (apiVersion === 'openslo/v1alpha' || apiVersion === 'openslo/v1') {
    if (kind === 'SLO') return { kind: apiVersion };
    if (apiVersion === 'openslo/v1' && kind === 'SLI') {
      return { kind: 'openslo/v1 SLI' };
    }
    return {
      kind: 'ignored',
      reason: `OpenSLO kind ${JSON.stringify(kind)} is ignored: only SLO${
        apiVersion === 'openslo/v1' ? ' and SLI' : ''
      } documents are read`,
    };
  }
  if (apiVersion !== undefined) {
    return {
      kind: 'invalid',
      problem: `unsupported apiVersion ${JSON.stringify(
        apiVersion,
      )}: expected ${SUPPORTED_FORMATS}`,
    };
  }
  return {
    kind: 'invalid',
    problem: `not an SLO spec: no "version" or "apiVersion" field; expected ${SUPPORTED_FORMATS}`,
  };
}

function resolvePeriod(period: string | undefined): string {
  const normalized = normalizePromDuration(period ?? '30d');
  if (!normalized || normalized === '0s') {
    throw new Error(
      `invalid SLO period ${JSON.stringify(
        period,
      )}: expected a Prometheus duration such as "30d" or "28d"`,
    );
  }
  return normalized;
}

/** A file's documents with content, as plain values, and the problems reading them. */
interface ReadDocuments {
  values: Array<{ documentIndex: number; value: unknown }>;
  documentCount: number;
  issues: IssueCollector;
}

/** The `yaml` library's reading: located syntax errors, Sloth's label scalars. */
function readDocumentsCarefully(
  yamlText: string,
  source: string,
): ReadDocuments {
  const documents = Array.from(parseAllDocuments(yamlText));
  const issues = new IssueCollector(source, documents.length);
  const values: ReadDocuments['values'] = [];
  documents.forEach((document, documentIndex) => {
    if (document.errors.length > 0) {
      document.errors.forEach(error =>
        issues.error(`invalid YAML: ${error.message}`, { documentIndex }),
      );
      return;
    }
    // Sloth reads prometheus/v1 specs into Go structs, where an unquoted
    // label or annotation value (`generated: true`) is a string; Kubernetes
    // and OpenSLO documents are decoded differently and keep their types.
    // The usual spelling is seen on the syntax tree, sparing a second toJS().
    const plainSlothSpec =
      isMap(document.contents) &&
      // get() answers a scalar's value (typed as its node).
      (document.contents.get('version') as unknown) === 'prometheus/v1';
    if (plainSlothSpec) coerceSlothLabelScalars(document);
    try {
      let value: unknown = document.toJS();
      // Empty documents, e.g. after a trailing "---", carry nothing.
      if (value === null || value === undefined) return;
      if (!plainSlothSpec && classify(value).kind === 'prometheus/v1') {
        coerceSlothLabelScalars(document);
        value = document.toJS();
      }
      values.push({ documentIndex, value });
    } catch (error) {
      // An alias without its anchor, or aliases expanding past the
      // library's limit, surface only when the document is converted.
      issues.error(`invalid YAML: ${(error as Error).message}`, {
        documentIndex,
      });
    }
  });
  return { values, documentCount: documents.length, issues };
}

/**
 * Parses one file without the cross-SLO duplicate check. A file read
 * without a problem by the fast reader (fastDocuments.ts) is done; any
 * problem, or a file it cannot vouch for, is read the careful way, whose
 * messages locate YAML errors.
 */
function parseFile(
  yamlText: string,
  options: ParseSloSpecsOptions,
): ParseSloSpecsResult {
  const period = resolvePeriod(options.period);
  const fast = readDocumentsFast(yamlText);
  if (fast) {
    const issues = new IssueCollector(options.source, fast.length);
    const result = parseDocuments(
      {
        values: fast.flatMap((value, documentIndex) =>
          value === null || value === undefined
            ? []
            : [{ documentIndex, value }],
        ),
        documentCount: fast.length,
        issues,
      },
      options.source,
      period,
    );
    if (result.errors.length === 0 && result.warnings.length === 0) {
      return result;
    }
  }
  return parseDocuments(
    readDocumentsCarefully(yamlText, options.source),
    options.source,
    period,
  );
}

/** @internal The careful reading alone, for tests comparing the two. */
export function parseSloSpecsCarefully(
  yamlText: string,
  options: ParseSloSpecsOptions,
): ParseSloSpecsResult {
  return parseDocuments(
    readDocumentsCarefully(yamlText, options.source),
    options.source,
    resolvePeriod(options.period),
  );
}

function parseDocuments(
  read: ReadDocuments,
  source: string,
  period: string,
): ParseSloSpecsResult {
  const { issues } = read;
  const contexts = read.values.map(({ documentIndex, value }) => ({
    value,
    context: {
      source,
      documentIndex,
      documentCount: read.documentCount,
      issues,
      period,
    } as DocumentContext,
  }));

  // OpenSLO v1 SLOs may refer to SLI documents anywhere in the file.
  const indicators: OpenSloV1Indicators = new Map();
  const classified = contexts.map(entry => ({
    ...entry,
    kind: classify(entry.value),
  }));
  for (const { value, context, kind } of classified) {
    if (kind.kind === 'openslo/v1 SLI') {
      collectOpenSloV1Indicator(value, context, indicators);
    }
  }

  const specs: ServiceLevelSpec[] = [];
  for (const { value, context, kind } of classified) {
    const where = { documentIndex: context.documentIndex };
    switch (kind.kind) {
      case 'prometheus/v1':
      case 'sloth.slok.dev/v1':
        specs.push(...parseSlothDocument(value, kind.kind, context));
        break;
      case 'openslo/v1alpha':
        specs.push(...parseOpenSloV1AlphaDocument(value, context));
        break;
      case 'openslo/v1':
        specs.push(...parseOpenSloV1Document(value, context, indicators));
        break;
      case 'ignored':
        issues.warning(kind.reason, where);
        break;
      case 'invalid':
        issues.error(kind.problem, where);
        break;
      default: // SLI documents were read above.
    }
  }
  if (contexts.length === 0 && issues.errors.length === 0) {
    issues.error(
      'no SLO spec found: the file has no YAML document with content',
    );
  }
  return { specs, errors: issues.errors, warnings: issues.warnings };
}

/**
 * Keeps the first SLO of each id and reports the others: ids name the
 * generated rules, so two SLOs with one id would overwrite each other.
 */
export function rejectDuplicateSloIds(specs: ServiceLevelSpec[]): {
  specs: ServiceLevelSpec[];
  errors: SloSpecError[];
} {
  const firstById = new Map<string, ServiceLevelSpec>();
  const kept: ServiceLevelSpec[] = [];
  const errors: SloSpecError[] = [];
  for (const spec of specs) {
    const first = firstById.get(spec.id);
    if (!first) {
      firstById.set(spec.id, spec);
      kept.push(spec);
      continue;
    }
    const problem = `duplicate SLO id ${JSON.stringify(
      spec.id,
    )}: already defined in ${describeOrigin(first.origin)}`;
    errors.push({
      source: spec.origin.source,
      documentIndex: spec.origin.documentIndex,
      service: spec.service,
      slo: spec.name,
      problem,
      message: `${describeOrigin(spec.origin)}: SLO ${JSON.stringify(
        spec.name,
      )}: ${problem}`,
    });
  }
  return { specs: kept, errors };
}

/**
 * Parses and validates the SLO specs of one YAML file (one or more `---`
 * documents in any accepted format). Every error names the source, the SLO
 * when known, and what is wrong; valid SLOs are returned regardless.
 */
export function parseSloSpecs(
  yamlText: string,
  options: ParseSloSpecsOptions,
): ParseSloSpecsResult {
  const parsed = parseFile(yamlText, options);
  const unique = rejectDuplicateSloIds(parsed.specs);
  return {
    specs: unique.specs,
    errors: [...parsed.errors, ...unique.errors],
    warnings: parsed.warnings,
  };
}

/**
 * Like {@link parseSloSpecs} for several files generated together (e.g. a
 * directory), also rejecting SLO ids that repeat across files.
 */
export function parseSloSpecFiles(
  files: ReadonlyArray<{ source: string; content: string }>,
  options: Omit<ParseSloSpecsOptions, 'source'> = {},
): ParseSloSpecsResult {
  const results = files.map(file =>
    parseFile(file.content, { ...options, source: file.source }),
  );
  const unique = rejectDuplicateSloIds(results.flatMap(r => r.specs));
  return {
    specs: unique.specs,
    errors: [...results.flatMap(r => r.errors), ...unique.errors],
    warnings: results.flatMap(r => r.warnings),
  };
}
