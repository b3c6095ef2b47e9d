import type { IssueCollector } from './issues';
import type { SpecOrigin } from './model';

/** What a format handler needs to know about the YAML document it reads. */
export interface DocumentContext {
  source: string;
  documentIndex: number;
  documentCount: number;
  issues: IssueCollector;
  /** The SLO period rules will be generated for, normalised (e.g. "30d"). */
  period: string;
}

export function originOf(
  context: DocumentContext,
  format: SpecOrigin['format'],
): SpecOrigin {
  return {
    source: context.source,
    documentIndex: context.documentIndex,
    documentCount: context.documentCount,
    format,
  };
}

/** Hints for unknown fields that are another format's spelling of a known one. */
const SPELLING_HINTS: Record<string, Record<string, string>> = {
  'prometheus/v1': {
    pageAlert: 'page_alert',
    ticketAlert: 'ticket_alert',
    errorQuery: 'error_query',
    totalQuery: 'total_query',
    errorRatioQuery: 'error_ratio_query',
    sloPlugins: 'slo_plugins',
  },
  'sloth.slok.dev/v1': {
    page_alert: 'pageAlert',
    ticket_alert: 'ticketAlert',
    error_query: 'errorQuery',
    total_query: 'totalQuery',
    error_ratio_query: 'errorRatioQuery',
    slo_plugins: 'sloPlugins',
  },
};

/** Reports unknown fields as warnings: Sloth ignores them, so do we. */
export function warnUnknownFields(
  context: DocumentContext,
  format: SpecOrigin['format'],
  unknownFields: string[],
  slo?: string,
) {
  for (const field of unknownFields) {
    const key = field.slice(field.lastIndexOf('.') + 1);
    const hint = SPELLING_HINTS[format]?.[key];
    context.issues.warning(
      `unknown field "${field}" is ignored${
        hint ? ` (${format} spells it "${hint}")` : ''
      }`,
      { documentIndex: context.documentIndex, slo },
    );
  }
}

/** Merges label maps; later maps win, as Sloth's `MergeLabels`. */
export function mergeLabels(
  ...maps: Array<Record<string, string> | undefined>
): Record<string, string> {
  return Object.assign({}, ...maps.filter(Boolean));
}
