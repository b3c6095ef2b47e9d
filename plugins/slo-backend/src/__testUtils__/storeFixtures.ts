/** Specs and statuses for the store's tests. */
import type { EntitySpecs, SloCurrentStatus } from '../service/types';
import { definitionsFrom, SPEC_YAML } from './fixtures';

export const NOW = Date.parse('2026-06-01T12:00:00Z');
export const MINUTE = 60_000;

export function entitySpecs(
  entityRef: string,
  service: string,
  meta: { owner: string; system: string; lifecycle: string },
): EntitySpecs {
  const definitions = definitionsFrom(
    SPEC_YAML.replace('service: checkout', `service: ${service}`),
    entityRef,
    meta,
  );
  return {
    entity: {
      entityRef,
      ...meta,
      specSource: { type: 'file', target: `/repo/${service}/slo.yaml` },
      errors: [],
      warnings: [],
    },
    definitions,
  };
}

function statusOf(budgetRemaining: number | null) {
  if (budgetRemaining === null) return 'no-data';
  return budgetRemaining < 0 ? 'breaching' : 'ok';
}

export const status = (
  sloId: string,
  entityRef: string,
  budgetRemaining: number | null,
  evaluatedAt = NOW,
): SloCurrentStatus => ({
  sloId,
  entityRef,
  evaluatedAt,
  sli: budgetRemaining === null ? null : (1 - budgetRemaining) * 0.001,
  budgetRemaining,
  burnRates: { '5m': budgetRemaining === null ? null : 0.5, '1h': null },
  firingAlert: null,
  firingAlerts: [],
  status: statusOf(budgetRemaining),
  error: null,
});
