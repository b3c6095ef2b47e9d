import type { Entity } from '@backstage/catalog-model';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  EvidenceLink,
  MeasuredValue,
  PassCondition,
} from '@vigil/backstage-plugin-launch-gates-common';
import type { z } from 'zod';

/**
 * What a provider found. `measured`: values the template's pass rule (or
 * the provider's default) judges. `unknown`: the source could not be read
 * or holds nothing to judge; the reason says which source and why, and the
 * check is never counted as a pass.
 * @public
 */
export type CheckProviderOutcome =
  | {
      kind: 'measured';
      measurements: Record<string, MeasuredValue>;
      /** One line for the check's row, e.g. "2 SLOs, both met over 28 days". */
      summary: string;
      links?: EvidenceLink[];
      /** Provider-specific detail kept in the evidence snapshot. */
      details?: unknown;
      /** When the source's data was taken, if not now (ISO time). */
      observedAt?: string;
    }
  | {
      kind: 'unknown';
      reason: string;
      links?: EvidenceLink[];
      details?: unknown;
    };

/**
 * Reads another Vigil plugin's API with the launch-gates plugin's service
 * credentials: `path` is relative to the plugin's base URL
 * (`/api/<pluginId>`). Answers the parsed JSON body (the text of a non-JSON
 * answer, e.g. a TechDocs page); throws an Error naming the plugin, path and
 * status (its `status` property) on a non-2xx answer or a timeout.
 * @public
 */
export type PluginApiReader = <T = unknown>(
  pluginId: string,
  path: string,
) => Promise<T>;

/**
 * What a provider gets for one check of one review.
 * @public
 */
export interface CheckProviderContext<TParams> {
  /** The reviewed entity, as the catalog has it now. */
  entity: Entity;
  entityRef: string;
  /** The check's `params`, parsed with the provider's `paramsSchema`. */
  params: TParams;
  /** The evaluation's clock: every provider of one cycle sees the same now. */
  now: Date;
  readPluginApi: PluginApiReader;
  /**
   * Reads JSON or text evidence files committed under the configured
   * evidence directory (`launchGates.evidence.directory`, the repository's
   * `validation/`): the names of the files in `subdirectory` (sorted,
   * newest name last) and a reader of one. Missing directory: no names.
   */
  evidenceFiles: {
    list(subdirectory: string): Promise<string[]>;
    readJson(subdirectory: string, name: string): Promise<unknown>;
    /** A link to the file as the portal's users can open it, if configured. */
    linkTo(subdirectory: string, name: string): string | undefined;
  };
  /**
   * The evaluation cycle's memo: reads of other sources (Prometheus, say)
   * under the same key share one result across every review of a cycle.
   * `readPluginApi` and `evidenceFiles` are memoized already.
   */
  memo?: <T>(key: string, read: () => Promise<T>) => Promise<T>;
  /** Prometheus's HTTP API base URL (`vigil.prometheus.url`), if set. */
  prometheusUrl?: string;
  /**
   * The fetch to call Prometheus with: through the portal's `prometheus`
   * dependency (a timeout, retries of reads, a circuit breaker shared with
   * the SLO evaluation), so an outage fails fast and is logged once.
   * Absent in tests and standalone use: then the global fetch.
   */
  prometheusFetch?: typeof fetch;
  /** The portal's frontend base URL (`app.baseUrl`): where TechDocs links point. */
  appBaseUrl: string;
  /**
   * Other base URLs links to the portal's pages may carry
   * (`launchGates.portalAliases`), e.g. the development server's address in
   * alert rules while the backend serves the built app.
   */
  portalAliases?: string[];
  logger: LoggerService;
  /** Aborted when the evaluation's time limit passes. */
  signal: AbortSignal;
}

/**
 * A named source of automated checks, e.g. `slo-history`. Registered through
 * {@link launchGatesCheckProvidersExtensionPoint}.
 * @public
 */
export interface LaunchGatesCheckProvider<TParams = unknown> {
  /** The name templates use in `provider:`. */
  id: string;
  title: string;
  description: string;
  /** Validates a check's `params`; its errors are shown at template load. */
  paramsSchema: z.ZodType<TParams, z.ZodTypeDef, unknown>;
  /** Applied when the check names no `pass` conditions. */
  defaultPassRule(params: TParams): PassCondition[];
  /** The measurements it reports, for the template docs and validation. */
  measures: ReadonlyArray<{ name: string; description: string }>;
  evaluate(
    context: CheckProviderContext<TParams>,
  ): Promise<CheckProviderOutcome>;
}
