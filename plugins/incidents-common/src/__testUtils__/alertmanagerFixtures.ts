/**
 * Alertmanager webhook payloads and planning options shared by the tests of
 * alertmanagerPayload.ts, alertCorrelation.ts and alertmanager.ts.
 */
import { AlertmanagerPlanOptions, KnownAlertState } from '../alertmanager';
import { parseAlertmanagerPayload } from '../alertmanagerPayload';
import { at } from './fixtures';

const ZERO = '0001-01-01T00:00:00Z';

export function alert(
  fp: string,
  status: 'firing' | 'resolved',
  startMin: number,
  endMin?: number,
) {
  return {
    status,
    labels: {
      alertname: 'CheckoutErrorBudgetBurn',
      service: 'checkout',
      severity: 'critical',
      fp,
    },
    annotations: { summary: 'Checkout burning error budget' },
    startsAt: at(startMin),
    endsAt: endMin === undefined ? ZERO : at(endMin),
    generatorURL: 'http://prometheus/graph',
    fingerprint: fp,
  };
}

export function payload(
  alerts: unknown[],
  extra: Record<string, unknown> = {},
) {
  const statuses = (alerts as Array<{ status: string }>).map(a => a.status);
  return {
    version: '4',
    groupKey: '{}:{alertname="CheckoutErrorBudgetBurn"}',
    truncatedAlerts: 0,
    status: statuses.includes('firing') ? 'firing' : 'resolved',
    receiver: 'vigil',
    groupLabels: { alertname: 'CheckoutErrorBudgetBurn' },
    commonLabels: {
      alertname: 'CheckoutErrorBudgetBurn',
      service: 'checkout',
      severity: 'critical',
    },
    commonAnnotations: {
      summary: 'Checkout burning error budget',
      description: 'fast burn',
    },
    externalURL: 'http://alertmanager:9093',
    alerts,
    ...extra,
  };
}

/** The parsed payload of a body that must be valid. */
export function parsed(body: unknown) {
  const r = parseAlertmanagerPayload(body);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.payload;
}

export const options: AlertmanagerPlanOptions = {
  now: at(100),
  entityMapping: {
    lookup: v => (v === 'checkout' ? 'component:default/checkout' : undefined),
  },
  resolveIncidentWhenAllResolved: true,
};

export const known = (entries: Array<[string, KnownAlertState]>) =>
  new Map(entries);
export const firing = (startMin: number): KnownAlertState => ({
  status: 'firing',
  startsAt: at(startMin),
});
export const resolved = (
  startMin: number,
  endMin: number,
): KnownAlertState => ({
  status: 'resolved',
  startsAt: at(startMin),
  endsAt: at(endMin),
});
