/** Collecting errors and warnings with their location in the input. */
import type { SloSpecError, SloSpecWarning, SpecOrigin } from './model';

/** "slo.yaml" or, in a multi-document file, "slo.yaml (document 2)". */
export function describeLocation(
  source: string,
  documentIndex: number | undefined,
  documentCount: number,
): string {
  return documentIndex !== undefined && documentCount > 1
    ? `${source} (document ${documentIndex + 1})`
    : source;
}

export function describeOrigin(origin: SpecOrigin): string {
  return describeLocation(
    origin.source,
    origin.documentIndex,
    origin.documentCount,
  );
}

export interface IssueLocation {
  documentIndex?: number;
  service?: string;
  /** The SLO as written, or a path like "slos[2]" when it has no usable name. */
  slo?: string;
}

export class IssueCollector {
  readonly errors: SloSpecError[] = [];
  readonly warnings: SloSpecWarning[] = [];

  constructor(
    private readonly source: string,
    private readonly documentCount: number,
  ) {}

  private build(problem: string, where: IssueLocation) {
    const location = describeLocation(
      this.source,
      where.documentIndex,
      this.documentCount,
    );
    let slo = '';
    if (where.slo !== undefined) {
      // A path like "slos[2]" stands for an SLO without a usable name.
      slo = /^[a-z]+\[\d+\]$/.test(where.slo)
        ? `${where.slo}: `
        : `SLO ${JSON.stringify(where.slo)}: `;
    }
    return {
      source: this.source,
      ...(where.documentIndex !== undefined && {
        documentIndex: where.documentIndex,
      }),
      ...(where.service !== undefined && { service: where.service }),
      ...(where.slo !== undefined && { slo: where.slo }),
      problem,
      message: `${location}: ${slo}${problem}`,
    };
  }

  error(problem: string, where: IssueLocation = {}) {
    this.errors.push(this.build(problem, where));
  }

  warning(problem: string, where: IssueLocation = {}) {
    this.warnings.push(this.build(problem, where));
  }
}
