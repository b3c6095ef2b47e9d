/*
 * Which entity an Alertmanager alert names, and which problem (entity plus
 * SLO, by default) a notification's alerts belong to, so that the page and
 * ticket alerts of one SLO attach to one incident.
 */
import { isFullEntityRef } from './model';
import type { AlertmanagerAlert } from './alertmanagerPayload';

// ------------------------------------------------------------ entity mapping

export interface EntityMapping {
  /** The alert label(s) naming the service, tried in order (default `service`). */
  label?: string | string[];
  /** Maps the label's value to a full entity ref, or undefined when unknown. */
  lookup: (value: string) => string | undefined;
}

/**
 * The entity an alert names: the value of the mapping label (in the alert's
 * labels, else annotations) resolved by the caller's lookup. Returns
 * undefined when the label is missing or the lookup returns no full entity ref.
 */
export function entityRefForAlert(
  labels: Record<string, string>,
  annotations: Record<string, string>,
  mapping: EntityMapping,
): string | undefined {
  const names = mapping.label ?? 'service';
  for (const label of Array.isArray(names) ? names : [names]) {
    const value = labels[label] ?? annotations[label];
    if (!value) continue;
    const ref = mapping.lookup(value);
    if (ref && isFullEntityRef(ref)) return ref;
  }
  return undefined;
}

// ------------------------------------------------------------ correlation

/**
 * Default correlation: alerts of the same entity and the same SLO (Sloth's
 * `sloth_id`, or `sloth_service` + `sloth_slo`) are one problem, e.g. an
 * SLO's page and ticket burn-rate alerts.
 */
export const DEFAULT_CORRELATION_LABELS: ReadonlyArray<ReadonlyArray<string>> =
  [['sloth_id'], ['sloth_service', 'sloth_slo']];

export interface CorrelationOptions {
  /**
   * Label sets, tried in order: the first set whose labels an alert carries
   * (all non-empty) identifies its problem. Empty: no correlation.
   */
  correlationLabels: ReadonlyArray<ReadonlyArray<string>>;
  entityMapping?: EntityMapping;
  fallbackEntityRef?: string;
}

function alertProblemKey(
  alert: Pick<AlertmanagerAlert, 'labels' | 'annotations'>,
  options: CorrelationOptions,
): string | undefined {
  const entity =
    (options.entityMapping &&
      entityRefForAlert(
        alert.labels,
        alert.annotations ?? {},
        options.entityMapping,
      )) ||
    options.fallbackEntityRef;
  if (!entity) return undefined;
  for (const set of options.correlationLabels) {
    if (set.length === 0) continue;
    if (!set.every(label => alert.labels[label])) continue;
    return `${entity} ${set
      .map(label => `${label}=${JSON.stringify(alert.labels[label])}`)
      .join(',')}`;
  }
  return undefined;
}

/**
 * The problem a notification's alerts belong to, when they all belong to
 * the same one: its entity and the values of the first correlation label set
 * they carry (e.g. `component:default/checkout sloth_id="checkout-availability"`).
 * Undefined when an alert lacks the labels, maps to no entity, or the alerts
 * disagree: then the group is its own problem (one incident per `groupKey`).
 */
export function alertCorrelationKey(
  alerts: ReadonlyArray<Pick<AlertmanagerAlert, 'labels' | 'annotations'>>,
  options: CorrelationOptions,
): string | undefined {
  if (alerts.length === 0 || options.correlationLabels.length === 0) {
    return undefined;
  }
  let key: string | undefined;
  for (const alert of alerts) {
    const next = alertProblemKey(alert, options);
    if (next === undefined || (key !== undefined && next !== key)) {
      return undefined;
    }
    key = next;
  }
  return key;
}
