import { z } from 'zod';
import { SANDBOX_LISTINGS } from '@vigil/backstage-plugin-sandbox-common';
import {
  ActionItem,
  Incident,
  IncidentStatus,
  Postmortem,
  PostmortemState,
  SeverityTable,
  TimelineEvent,
  actionItemPrioritySchema,
  actionItemSchema,
  actionItemStatusSchema,
  entityRefSchema,
  isoTimestampSchema,
  postmortemStateSchema,
  postmortemTimelineEntrySchema,
  resourceIdSchema,
  severitySchema,
} from './model';
import { IncidentMetrics } from './metrics';
import { decodeIncidentCursor } from './listCursor';

/*
 * The HTTP contract of the incidents backend (`/api/incidents`), shared by the
 * backend router and the frontend client so that both validate the same way.
 * plugins/incidents-backend/openapi.yaml documents the same routes.
 */

/** A timeline event as stored: the event plus its id (ascending in time of recording). */
export type TimelineEntry = TimelineEvent & { id: number };

/** What is known about one alert attached to an incident. */
export interface IncidentAlert {
  fingerprint: string;
  alertName?: string;
  status: 'firing' | 'resolved';
  startsAt: string;
  endsAt?: string;
  labels: Record<string, string>;
  /** Its annotations, e.g. `runbook_url` linking the runbook (TechDocs). */
  annotations?: Record<string, string>;
  generatorURL?: string;
}

/** The runbook an alert links (`runbook_url` or `runbook` annotation), if any. */
export function alertRunbookUrl(
  annotations: Record<string, string> | undefined,
): string | undefined {
  const url = annotations?.runbook_url ?? annotations?.runbook;
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

/** `GET /incidents/:id` */
export interface IncidentDetails {
  incident: Incident;
  /** Owners (groups/users) of the affected entities when declared or last changed. */
  ownerRefs: string[];
  timeline: TimelineEntry[];
  alerts: IncidentAlert[];
  postmortem?: { id: string; state: PostmortemState; version: number };
  /** What the caller may do now: the UI hides controls it would only get 403 or 409 for. */
  permissions: IncidentPermissions;
}

/** What the caller may do with an incident (`IncidentDetails.permissions`). */
export interface IncidentPermissions {
  /** Change it (PATCH, notes, links, postmortem): its owners and its commander. */
  update: boolean;
  /** `POST /incidents/:id/acknowledge`: may update, and nobody has acknowledged it yet (not closed). */
  acknowledge: boolean;
  /**
   * `POST /incidents/:id/take-command`: it has no commander (not closed),
   * the caller is a user, and may update it or is a member of an owner.
   */
  takeCommand: boolean;
}

/** `POST /incidents/:id/acknowledge` */
export const acknowledgeIncidentRequestSchema = z
  .object({ expectedVersion: z.number().int().nonnegative() })
  .strict();
export type AcknowledgeIncidentRequest = z.infer<
  typeof acknowledgeIncidentRequestSchema
>;

/** `POST /incidents/:id/take-command` */
export const takeCommandRequestSchema = z
  .object({ expectedVersion: z.number().int().nonnegative() })
  .strict();
export type TakeCommandRequest = z.infer<typeof takeCommandRequestSchema>;

/** Largest `offset` of every list: deeper pages are a narrower filter away. */
export const MAX_LIST_OFFSET = 1_000_000;

/**
 * A paging query parameter: an integer in `[min, max]` (query strings are
 * coerced), with a message naming the allowed range.
 */
export function pageParamSchema(min: number, max: number, fallback: number) {
  const message = `must be an integer from ${min} to ${max}`;
  return z.coerce
    .number({ invalid_type_error: message })
    .refine(n => Number.isInteger(n) && n >= min && n <= max, message)
    .default(fallback);
}

/**
 * The most matches `GET /incidents` counts. Counting every match of a broad
 * filter would cost a pass over up to every incident on each request, for a
 * number nobody pages through: past the cap the list says "10,000+"
 * (`totalCountCapped`), and the cursor pages on regardless.
 */
export const INCIDENT_LIST_COUNT_CAP = 10_000;

/** `GET /incidents` */
export interface IncidentList {
  items: Incident[];
  /** The number of matches, at most {@link INCIDENT_LIST_COUNT_CAP}. */
  totalCount: number;
  /** Present (true) when more than `totalCount` incidents match. */
  totalCountCapped?: boolean;
  /** The `cursor` of the next page; absent on the last page. */
  nextCursor?: string;
}

/** The `status` filter: one status, or the open/all shorthands. */
export const INCIDENT_STATUS_FILTERS = [
  'open',
  'all',
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'closed',
] as const;
export type IncidentStatusFilter = (typeof INCIDENT_STATUS_FILTERS)[number];

export const listIncidentsQuerySchema = z
  .object({
    /** Incidents affecting this entity. */
    entityRef: entityRefSchema.optional(),
    /** Incidents whose affected entities this group or user owns. */
    ownerRef: entityRefSchema.optional(),
    status: z.enum(INCIDENT_STATUS_FILTERS).default('all'),
    severity: severitySchema.optional(),
    /** Case-insensitive substring of the title. */
    q: z.string().trim().min(1).max(200).optional(),
    /**
     * The sandbox's practice incidents (affecting only sandbox entities):
     * listed with the others (absent: the default), left out, or alone.
     */
    sandbox: z.enum(SANDBOX_LISTINGS).optional(),
    limit: pageParamSchema(1, 200, 25),
    offset: pageParamSchema(0, MAX_LIST_OFFSET, 0),
    /** The page after this position (`nextCursor` of the page before). */
    cursor: z
      .string()
      .transform((text, ctx) => {
        const cursor = decodeIncidentCursor(text);
        if (!cursor) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: 'must be a nextCursor this API returned',
          });
          return z.NEVER;
        }
        return cursor;
      })
      .optional(),
  })
  .strict()
  .refine(query => !(query.cursor && query.offset > 0), {
    path: ['offset'],
    message: 'must not be combined with cursor (the cursor is the position)',
  });
export type ListIncidentsQuery = z.infer<typeof listIncidentsQuerySchema>;

export const addLinkRequestSchema = z
  .object({
    url: z
      .string()
      .url('must be an absolute URL')
      .max(2000)
      .refine(u => /^https?:\/\//i.test(u), 'must be an http(s) URL'),
    title: z.string().trim().max(500).optional(),
  })
  .strict();
export type AddLinkRequest = z.infer<typeof addLinkRequestSchema>;

/** Action item as sent by the editor; the server assigns ids to new ones. */
export const actionItemInputSchema = actionItemSchema
  .extend({
    id: resourceIdSchema.optional(),
  })
  .strict();
export type ActionItemInput = z.infer<typeof actionItemInputSchema>;

const sectionText = z.string().max(100_000);

/** `PUT /postmortems/:id`: the editable content (all fields optional), plus the version read. */
export const savePostmortemRequestSchema = z
  .object({
    expectedVersion: z.number().int().nonnegative(),
    title: z.string().trim().min(1, 'must not be empty').max(200).optional(),
    authors: z.array(entityRefSchema).max(50).optional(),
    summary: sectionText.optional(),
    impact: sectionText.optional(),
    rootCauses: sectionText.optional(),
    trigger: sectionText.optional(),
    resolution: sectionText.optional(),
    detection: sectionText.optional(),
    lessonsLearned: z
      .object({
        whatWentWell: sectionText.optional(),
        whatWentWrong: sectionText.optional(),
        whereWeGotLucky: sectionText.optional(),
      })
      .strict()
      .optional(),
    timeline: z.array(postmortemTimelineEntrySchema).max(1000).optional(),
    supportingInformation: sectionText.optional(),
    actionItems: z
      .array(actionItemInputSchema)
      .max(200)
      .superRefine((items, ctx) => {
        const seen = new Set<string>();
        items.forEach((item, index) => {
          if (item.id === undefined) return;
          if (seen.has(item.id)) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: [index, 'id'],
              message: `duplicate action item id ${item.id}: each item appears once`,
            });
          }
          seen.add(item.id);
        });
      })
      .optional(),
  })
  .strict();
export type SavePostmortemRequest = z.infer<typeof savePostmortemRequestSchema>;

/** `POST /postmortems/:id/state` */
export const changePostmortemStateRequestSchema = z
  .object({
    state: postmortemStateSchema,
    expectedVersion: z.number().int().nonnegative(),
  })
  .strict();
export type ChangePostmortemStateRequest = z.infer<
  typeof changePostmortemStateRequestSchema
>;

/** Allowed postmortem state changes: draft ⇄ in review → published (final). */
export function isAllowedPostmortemTransition(
  from: PostmortemState,
  to: PostmortemState,
): boolean {
  if (from === 'draft') return to === 'in_review' || to === 'published';
  if (from === 'in_review') return to === 'draft' || to === 'published';
  return false;
}

/** `GET /postmortems/:id` */
export interface PostmortemDetails {
  postmortem: Postmortem;
  incident: Incident;
  permissions: { update: boolean };
}

export interface PostmortemListItem {
  id: string;
  incidentId: string;
  title: string;
  state: PostmortemState;
  incidentSeverity: Incident['severity'];
  entityRefs: string[];
  updatedAt: string;
  publishedAt?: string;
}

/** `GET /postmortems` */
export interface PostmortemList {
  items: PostmortemListItem[];
  totalCount: number;
}

export const listPostmortemsQuerySchema = z
  .object({
    state: postmortemStateSchema.optional(),
    entityRef: entityRefSchema.optional(),
    limit: pageParamSchema(1, 200, 25),
    offset: pageParamSchema(0, MAX_LIST_OFFSET, 0),
  })
  .strict();
export type ListPostmortemsQuery = z.infer<typeof listPostmortemsQuerySchema>;

/** An action item with where it came from (`GET /action-items`). */
export interface ActionItemWithContext extends ActionItem {
  postmortemId: string;
  postmortemTitle: string;
  incidentId: string;
  overdue: boolean;
}

export interface ActionItemList {
  items: ActionItemWithContext[];
  totalCount: number;
}

export const listActionItemsQuerySchema = z
  .object({
    /** The owner (user or group) whose items to list; repeatable via comma. */
    owner: z
      .string()
      .max(2000)
      .transform(s => s.split(',').filter(Boolean))
      .pipe(z.array(entityRefSchema).min(1).max(50)),
    /** `open` = open or in progress (default), `all` = every status. */
    status: z.enum(['open', 'all']).default('open'),
    limit: pageParamSchema(1, 200, 50),
    offset: pageParamSchema(0, MAX_LIST_OFFSET, 0),
  })
  .strict();
export type ListActionItemsQuery = z.infer<typeof listActionItemsQuerySchema>;

/** `PATCH /action-items/:id` (from the owner's page). */
export const updateActionItemRequestSchema = z
  .object({
    status: actionItemStatusSchema.optional(),
    priority: actionItemPrioritySchema.optional(),
    dueDate: z.string().date('must be a date YYYY-MM-DD').nullable().optional(),
  })
  .strict()
  .refine(
    r =>
      r.status !== undefined ||
      r.priority !== undefined ||
      r.dueDate !== undefined,
    { message: 'the update changes nothing' },
  );
export type UpdateActionItemRequest = z.infer<
  typeof updateActionItemRequestSchema
>;

export const metricsQuerySchema = z
  .object({
    entityRef: entityRefSchema.optional(),
    from: isoTimestampSchema.optional(),
    to: isoTimestampSchema.optional(),
  })
  .strict();
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

/** `GET /metrics`: the period defaults to the last 30 days. */
export interface IncidentMetricsResponse {
  entityRef?: string;
  from: string;
  to: string;
  metrics: IncidentMetrics;
}

/** `GET /config`: what the UI needs to render choices. */
export interface IncidentsUiConfig {
  severities: SeverityTable;
  allowCloseWithoutPublishedPostmortem: boolean;
}

/** Body of a 409 answer: the stored state, so the client can show it and retry. */
export interface ConflictResponse<T> {
  error: { name: 'ConflictError'; message: string };
  current: T;
}

/** Signal channel on which the backend announces changes (payload: {@link IncidentSignal}). */
export const INCIDENTS_SIGNAL_CHANNEL = 'vigil-incidents';

export interface IncidentSignal {
  type:
    | 'incident_declared'
    | 'incident_updated'
    | 'timeline_appended'
    | 'postmortem_updated';
  incidentId: string;
  version?: number;
  status?: IncidentStatus;
}

/**
 * A search document of an incident or published postmortem, as
 * `GET /search/incidents|postmortems` serves it and the collator indexes it
 * (Backstage's IndexableDocument fields plus these).
 */
export interface IncidentSearchDocument {
  title: string;
  text: string;
  location: string;
  type: string;
  incidentId: string;
  severity: string;
  status: string;
  entityRefs: string[];
  declaredAt: string;
  publishedAt?: string;
}

/** A page of search documents and the cursor of the next page. */
export interface IncidentSearchDocumentPage {
  items: IncidentSearchDocument[];
  nextCursor?: string;
}

/** Search document types the incidents collator writes. */
export const INCIDENT_SEARCH_TYPE = 'incident';
export const POSTMORTEM_SEARCH_TYPE = 'postmortem';
