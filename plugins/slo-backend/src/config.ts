import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { normalizePromDuration } from '@vigil/backstage-plugin-slo-common';

export interface SloBackendConfig {
  prometheusUrl?: string;
  defaultPeriod: string;
  specRefresh: { frequency: HumanDuration; timeout: HumanDuration };
  evaluation: {
    frequency: HumanDuration;
    timeout: HumanDuration;
    queryTimeoutMs: number;
    maxQueryLength: number;
    historyIntervalMs: number;
  };
  warningBudgetRemaining: number;
}

function duration(
  config: Config | undefined,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  return config?.has(key) ? readDurationFromConfig(config, { key }) : fallback;
}

/** Reads `vigil.slo` (and `vigil.prometheus.url`), with the defaults. */
export function readSloBackendConfig(config: Config): SloBackendConfig {
  const slo = config.getOptionalConfig('vigil.slo');
  const periodText = slo?.getOptionalString('defaultPeriod') ?? '30d';
  const defaultPeriod = normalizePromDuration(periodText);
  if (!defaultPeriod) {
    throw new Error(
      `vigil.slo.defaultPeriod must be a Prometheus duration such as "30d", got ${JSON.stringify(
        periodText,
      )}`,
    );
  }
  const evaluation = slo?.getOptionalConfig('evaluation');
  const specRefresh = slo?.getOptionalConfig('specRefresh');
  const warningBudgetRemaining =
    slo?.getOptionalNumber('warningBudgetRemaining') ?? 0.25;
  return {
    prometheusUrl: config.getOptionalString('vigil.prometheus.url'),
    defaultPeriod,
    specRefresh: {
      frequency: duration(specRefresh, 'frequency', { minutes: 5 }),
      timeout: duration(specRefresh, 'timeout', { minutes: 5 }),
    },
    evaluation: {
      // Short, so the portal shows "breaching" within seconds of the page
      // alert firing: a cycle is one query per window for all SLOs.
      frequency: duration(evaluation, 'frequency', { seconds: 15 }),
      timeout: duration(evaluation, 'timeout', { minutes: 5 }),
      queryTimeoutMs: durationToMilliseconds(
        duration(evaluation, 'queryTimeout', { seconds: 30 }),
      ),
      maxQueryLength:
        evaluation?.getOptionalNumber('maxQueryLength') ?? 200_000,
      historyIntervalMs: durationToMilliseconds(
        duration(evaluation, 'historyInterval', { minutes: 1 }),
      ),
    },
    warningBudgetRemaining,
  };
}
