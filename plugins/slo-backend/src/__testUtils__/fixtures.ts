import type { CacheService } from '@backstage/backend-plugin-api';
import { parseSloSpecs } from '@vigil/backstage-plugin-slo-common';
import type { SloDefinition } from '../service/types';

/** A Sloth spec with an events SLO (page and ticket alerts) and a raw one. */
export const SPEC_YAML = `
version: prometheus/v1
service: checkout
slos:
  - name: availability
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))
    alerting:
      name: CheckoutAvailability
      page_alert:
        labels: { severity: page }
      ticket_alert:
        labels: { severity: ticket }
  - name: latency
    objective: 99
    sli:
      raw:
        error_ratio_query: sum(rate(slow_requests_total{job="checkout"}[{{.window}}])) / sum(rate(requests_total{job="checkout"}[{{.window}}]))
    alerting:
      name: CheckoutLatency
      page_alert: { disable: true }
      ticket_alert: { disable: true }
`;

export function definitionsFrom(
  yaml: string,
  entityRef = 'component:default/checkout',
  extra: Partial<SloDefinition> = {},
): SloDefinition[] {
  const { specs, errors } = parseSloSpecs(yaml, { source: 'slo.yaml' });
  if (errors.length > 0) throw new Error(errors[0].message);
  return specs.map(spec => ({
    sloId: spec.id,
    entityRef,
    service: spec.service,
    name: spec.name,
    ...(spec.description && { description: spec.description }),
    objectivePercent: spec.objectivePercent,
    period: '30d',
    spec,
    ...extra,
  }));
}

/** A CacheService that really keeps values, so tests can read what was cached. */
export function memoryCache(): CacheService {
  const values = new Map<string, unknown>();
  const cache: CacheService = {
    get: async key => values.get(key) as any,
    set: async (key, value) => {
      values.set(key, value);
    },
    delete: async key => {
      values.delete(key);
    },
    withOptions: () => cache,
  };
  return cache;
}
