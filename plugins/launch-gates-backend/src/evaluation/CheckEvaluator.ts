import {
  createResilientFetch,
  type DependencyHealthService,
} from '@vigil/backend-kit';
import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { formatZodIssues } from '@vigil/common-kit';
import {
  describeCondition,
  evaluatePassRule,
  type AutomatedCheckTemplate,
  type CheckEvidence,
  type ReviewTemplate,
} from '@vigil/backstage-plugin-launch-gates-common';
import type {
  CheckProviderContext,
  CheckProviderOutcome,
  PluginApiReader,
} from '@vigil/backstage-plugin-launch-gates-node';
import type { CheckProviderRegistry } from './CheckProviderRegistry';
import { CycleMemo, untilAborted } from './CycleMemo';
import { createEvidenceFiles } from './evidenceFiles';
import { sha256OfJson } from './hash';
import { createPluginApiReader } from './pluginApi';
import type { EvaluatedCheck, EvaluationCycle, EvaluationInput } from './types';

export interface CheckEvaluatorOptions {
  registry: CheckProviderRegistry;
  auth: AuthService;
  discovery: DiscoveryService;
  /** `launchGates.evidence.directory`; unset: file sources report unknown. */
  evidenceDirectory?: string;
  /** `launchGates.evidence.linkBase`. */
  linkBase?: string;
  /** `vigil.prometheus.url`. */
  prometheusUrl?: string;
  /** `app.baseUrl`. */
  appBaseUrl: string;
  /** `launchGates.portalAliases`. */
  portalAliases?: string[];
  logger: LoggerService;
  /** One check's time limit (`launchGates.evaluation.timeout`). */
  timeoutMs: number;
  /** Other plugins' APIs are read through their dependencies when given. */
  dependencyHealth?: DependencyHealthService;
}

/** The automated checks of a template, in template order. */
export function automatedChecksOf(
  template: ReviewTemplate,
): AutomatedCheckTemplate[] {
  return template.spec.gates.flatMap(gate =>
    gate.checks.filter(
      (check): check is AutomatedCheckTemplate => check.type === 'automated',
    ),
  );
}

function unknownResult(
  checkId: string,
  reason: string,
  evaluatedAt: string,
  extra: Pick<CheckEvidence, 'links' | 'details'> = { links: [] },
): EvaluatedCheck {
  const evidence: CheckEvidence = {
    measurements: {},
    outcomes: [],
    links: extra.links ?? [],
    ...(extra.details !== undefined ? { details: extra.details } : {}),
    reason,
  };
  return {
    checkId,
    status: 'unknown',
    summary: `Unknown: ${reason}`,
    evidence,
    evaluatedAt,
    evidenceHash: sha256OfJson(evidence),
  };
}

/**
 * Runs a review's automated checks: each check's provider with its parsed
 * params under a time limit, its pass rule (the template's or the
 * provider's default) over what was measured, and the evidence snapshot
 * with its hash. A provider that throws, times out or cannot read its source
 * gives `unknown` with the reason; nothing but a held pass rule is a pass.
 */
export class CheckEvaluator {
  // Prometheus reads (the runbooks provider's rules) share the backend's
  // `prometheus` dependency with the SLO evaluation: one breaker, one state.
  // Looked up at the first call, not here: the first plugin to name a
  // dependency sets its timeout, and the SLO evaluation's (registered when
  // that plugin starts) is the one that should hold.
  private readonly prometheusFetch?: typeof fetch;

  constructor(private readonly options: CheckEvaluatorOptions) {
    const { dependencyHealth, prometheusUrl } = options;
    if (dependencyHealth && prometheusUrl) {
      let resilientFetch: typeof fetch | undefined;
      this.prometheusFetch = (input, init) => {
        resilientFetch ??= createResilientFetch(
          dependencyHealth.dependency('prometheus', {
            displayName: 'Prometheus',
          }),
        );
        return resilientFetch(input, init);
      };
    }
  }

  /** A cycle: its reads of sources are shared by every review it evaluates. */
  newCycle(): EvaluationCycle {
    const memo = new CycleMemo();
    const { auth, discovery, timeoutMs, dependencyHealth } = this.options;
    const readPluginApi = createPluginApiReader({
      auth,
      discovery,
      memo,
      timeoutMs,
      dependencyHealth,
    });
    const evidenceFiles = createEvidenceFiles({
      directory: this.options.evidenceDirectory,
      linkBase: this.options.linkBase,
      memo,
    });
    return {
      evaluate: input =>
        Promise.all(
          automatedChecksOf(input.template)
            .filter(c => !input.checkIds || input.checkIds.includes(c.id))
            .map(check =>
              this.evaluateCheck(check, input, {
                memo,
                readPluginApi,
                evidenceFiles,
              }),
            ),
        ),
      get reads() {
        return memo.size;
      },
    };
  }

  private async evaluateCheck(
    check: AutomatedCheckTemplate,
    input: EvaluationInput,
    shared: {
      memo: CycleMemo;
      readPluginApi: PluginApiReader;
      evidenceFiles: CheckProviderContext<unknown>['evidenceFiles'];
    },
  ): Promise<EvaluatedCheck> {
    const { registry, logger, timeoutMs } = this.options;
    const evaluatedAt = input.now.toISOString();
    const provider = registry.get(check.provider);
    if (!provider) {
      return unknownResult(
        check.id,
        `no check provider ${check.provider} (known: ${registry
          .ids()
          .join(', ')})`,
        evaluatedAt,
      );
    }
    const parsed = provider.paramsSchema.safeParse(check.params ?? {});
    if (!parsed.success) {
      return unknownResult(
        check.id,
        `invalid params for ${provider.id}: ${formatZodIssues(
          parsed.error,
        ).join('; ')}`,
        evaluatedAt,
      );
    }
    const params = parsed.data;

    const controller = new AbortController();
    const timer = setTimeout(
      () =>
        controller.abort(
          new Error(
            `${provider.id} gave no answer within ${
              Math.round(timeoutMs / 100) / 10
            } s`,
          ),
        ),
      timeoutMs,
    );
    const { signal } = controller;
    const entityRef = stringifyEntityRef(input.entity);
    const context: CheckProviderContext<unknown> = {
      entity: input.entity,
      entityRef,
      params,
      now: input.now,
      readPluginApi: <T>(pluginId: string, path: string) =>
        untilAborted(shared.readPluginApi<T>(pluginId, path), signal),
      evidenceFiles: {
        list: sub => untilAborted(shared.evidenceFiles.list(sub), signal),
        readJson: (sub, name) =>
          untilAborted(shared.evidenceFiles.readJson(sub, name), signal),
        linkTo: shared.evidenceFiles.linkTo,
      },
      memo: (key, read) =>
        untilAborted(shared.memo.get(`${provider.id} ${key}`, read), signal),
      ...(this.options.prometheusUrl
        ? { prometheusUrl: this.options.prometheusUrl }
        : {}),
      ...(this.prometheusFetch
        ? { prometheusFetch: this.prometheusFetch }
        : {}),
      appBaseUrl: this.options.appBaseUrl,
      portalAliases: this.options.portalAliases ?? [],
      logger: logger.child({ checkProvider: provider.id }),
      signal,
    };

    let outcome: CheckProviderOutcome;
    try {
      outcome = await untilAborted(
        Promise.resolve().then(() => provider.evaluate(context)),
        signal,
      );
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      logger.warn(
        `Check ${check.id} (${provider.id}) of ${entityRef} failed: ${message}`,
      );
      return unknownResult(check.id, message, evaluatedAt);
    } finally {
      clearTimeout(timer);
    }

    if (outcome?.kind === 'unknown') {
      return unknownResult(check.id, outcome.reason, evaluatedAt, {
        links: outcome.links ?? [],
        details: outcome.details,
      });
    }
    if (outcome?.kind !== 'measured') {
      return unknownResult(
        check.id,
        `${provider.id} answered no outcome`,
        evaluatedAt,
      );
    }

    const conditions = check.pass ?? provider.defaultPassRule(params);
    const verdict = evaluatePassRule(conditions, outcome.measurements);
    const failing = verdict.outcomes.filter(o => o.passed === false);
    const unjudged = verdict.outcomes.filter(o => o.passed === null);
    const evidence: CheckEvidence = {
      measurements: outcome.measurements,
      outcomes: verdict.outcomes,
      links: outcome.links ?? [],
      ...(outcome.details !== undefined ? { details: outcome.details } : {}),
      ...(verdict.status === 'unknown'
        ? {
            reason: `not measured: ${unjudged.map(o => o.measure).join(', ')}`,
          }
        : {}),
      ...(outcome.observedAt ? { observedAt: outcome.observedAt } : {}),
    };
    let summary = outcome.summary;
    if (failing.length > 0) {
      summary += `; not met: ${failing.map(describeCondition).join(', ')}`;
    } else if (verdict.status === 'unknown') {
      summary += `; ${evidence.reason}`;
    }
    return {
      checkId: check.id,
      status: verdict.status,
      summary,
      evidence,
      evaluatedAt,
      evidenceHash: sha256OfJson(evidence),
    };
  }
}
