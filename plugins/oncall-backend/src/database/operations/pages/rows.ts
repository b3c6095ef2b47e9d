import type {
  EscalationStep,
  PageStatus,
} from '@vigil/backstage-plugin-oncall-common';
import type { PageDelivery, StoredPage } from '../../OnCallStore';
import { toMs, toMsOrUndefined } from '../queries';

export const PAGES = 'oncall_pages';
export const DELIVERIES = 'oncall_page_deliveries';

/** A row of `oncall_pages`. */
export interface PageRow {
  id: string;
  entity_ref: string;
  owner_ref: string;
  title: string;
  description: string | null;
  incident_id: string | null;
  link: string | null;
  severity: string;
  policy_id: string | null;
  policy_name: string | null;
  repeat: number;
  steps: string;
  status: string;
  step_index: number;
  repeat_index: number;
  next_escalation_at: number | string | null;
  opened_at: number | string;
  opened_by: string;
  acknowledged_at: number | string | null;
  acknowledged_by: string | null;
  resolved_at: number | string | null;
}

/** A row of `oncall_page_deliveries`. */
export interface DeliveryRow {
  page_id: string;
  repeat_index: number;
  step_index: number;
  user_ref: string;
  channel: string;
  via: string;
  at: number | string;
}

/** The columns of the deliveries' unique key (the `onConflict` target). */
export const DELIVERY_KEY = [
  'page_id',
  'repeat_index',
  'step_index',
  'user_ref',
  'channel',
];

export function pageToRow(page: StoredPage): PageRow {
  return {
    id: page.id,
    entity_ref: page.entityRef,
    owner_ref: page.ownerRef,
    title: page.title,
    description: page.description ?? null,
    incident_id: page.incidentId ?? null,
    link: page.link ?? null,
    severity: page.severity,
    policy_id: page.policyId ?? null,
    policy_name: page.policyName ?? null,
    repeat: page.repeat,
    steps: JSON.stringify(page.steps),
    status: page.status,
    step_index: page.stepIndex,
    repeat_index: page.repeatIndex,
    next_escalation_at: page.nextEscalationAt ?? null,
    opened_at: page.openedAt,
    opened_by: page.openedBy,
    acknowledged_at: page.acknowledgedAt ?? null,
    acknowledged_by: page.acknowledgedBy ?? null,
    resolved_at: page.resolvedAt ?? null,
  };
}

/** Only the optional fields that have a value, so pages compare cleanly. */
function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

export function pageFromRow(row: PageRow): StoredPage {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    ownerRef: row.owner_ref,
    title: row.title,
    severity: row.severity as StoredPage['severity'],
    repeat: Number(row.repeat),
    steps: JSON.parse(row.steps) as EscalationStep[],
    status: row.status as PageStatus,
    stepIndex: Number(row.step_index),
    repeatIndex: Number(row.repeat_index),
    openedAt: toMs(row.opened_at),
    openedBy: row.opened_by,
    ...defined({
      description: row.description ?? undefined,
      incidentId: row.incident_id ?? undefined,
      link: row.link ?? undefined,
      policyId: row.policy_id ?? undefined,
      policyName: row.policy_name ?? undefined,
      nextEscalationAt: toMsOrUndefined(row.next_escalation_at),
      acknowledgedAt: toMsOrUndefined(row.acknowledged_at),
      acknowledgedBy: row.acknowledged_by ?? undefined,
      resolvedAt: toMsOrUndefined(row.resolved_at),
    }),
  };
}

export function deliveryToRow(delivery: PageDelivery): DeliveryRow {
  return {
    page_id: delivery.pageId,
    repeat_index: delivery.repeatIndex,
    step_index: delivery.stepIndex,
    user_ref: delivery.userRef,
    channel: delivery.channel,
    via: delivery.via,
    at: delivery.at,
  };
}

export function deliveryFromRow(row: DeliveryRow): PageDelivery {
  return {
    pageId: row.page_id,
    repeatIndex: Number(row.repeat_index),
    stepIndex: Number(row.step_index),
    userRef: row.user_ref,
    channel: row.channel as PageDelivery['channel'],
    via: row.via,
    at: toMs(row.at),
  };
}
