import { z } from 'zod';

/** Parses an ISO 8601 / RFC 3339 timestamp (any fractional precision) to epoch milliseconds. */
export function toMillis(iso: string): number {
  // Go (Alertmanager) writes nanoseconds; keep milliseconds so every JS engine parses it.
  return Date.parse(iso.replace(/(\.\d{3})\d+/, '$1'));
}

/** An ISO 8601 timestamp with `Z` or an offset, e.g. `2024-05-01T12:00:00Z`. */
export const isoTimestampSchema = z
  .string({ invalid_type_error: 'must be an ISO 8601 timestamp string' })
  .datetime({
    offset: true,
    message: 'must be an ISO 8601 timestamp, e.g. 2024-05-01T12:00:00Z',
  });

// kind:namespace/name, each part a Backstage-style name (no nested quantifiers).
const ENTITY_REF_PATTERN =
  /^[A-Za-z][A-Za-z0-9]*:[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A full entity reference `kind:namespace/name`, e.g. `component:default/checkout`. */
export const entityRefSchema = z
  .string({ invalid_type_error: 'must be an entity ref string' })
  .max(255, 'entity ref is too long')
  .regex(
    ENTITY_REF_PATTERN,
    'must be a full entity ref kind:namespace/name, e.g. component:default/checkout',
  );

/** A user's entity ref: incident roles are held by people, not groups. */
export const userRefSchema = entityRefSchema.refine(
  ref => ref.toLowerCase().startsWith('user:'),
  'must be a user ref user:namespace/name, e.g. user:default/alice',
);

/**
 * Ids of incidents, postmortems and action items: what fits their
 * `varchar(64)` columns and a URL path segment.
 */
export const RESOURCE_ID_MAX_LENGTH = 64;
export const resourceIdSchema = z
  .string({ invalid_type_error: 'must be an id string' })
  .min(1, 'must not be empty')
  .max(
    RESOURCE_ID_MAX_LENGTH,
    `must be at most ${RESOURCE_ID_MAX_LENGTH} characters`,
  )
  .regex(/^[A-Za-z0-9._-]+$/, 'must be an id of letters, digits, . _ -');

/** Whether a string is a full entity ref `kind:namespace/name`. */
export function isFullEntityRef(value: string): boolean {
  return entityRefSchema.safeParse(value).success;
}

// ---------------------------------------------------------------- severities

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

export const severityDefinitionSchema = z.object({
  name: z.string().min(1, 'must not be empty').max(60),
  description: z.string().max(1000),
});
export type SeverityDefinition = z.infer<typeof severityDefinitionSchema>;
export type SeverityTable = Record<Severity, SeverityDefinition>;

export const DEFAULT_SEVERITIES: Readonly<SeverityTable> = Object.freeze({
  SEV1: {
    name: 'Critical',
    description:
      'Complete outage or data loss for many customers; all hands, public communication.',
  },
  SEV2: {
    name: 'Major',
    description:
      'Major functionality degraded for many customers or an SLO burning fast.',
  },
  SEV3: {
    name: 'Minor',
    description:
      'Partial degradation with a workaround, or few customers affected.',
  },
  SEV4: {
    name: 'Low',
    description: 'Cosmetic or internal-only impact; no customer-visible harm.',
  },
});

/** Configuration overriding the name and/or description of any severity. */
export const severityConfigSchema = z
  .object({
    SEV1: severityDefinitionSchema.partial().optional(),
    SEV2: severityDefinitionSchema.partial().optional(),
    SEV3: severityDefinitionSchema.partial().optional(),
    SEV4: severityDefinitionSchema.partial().optional(),
  })
  .strict();
export type SeverityConfig = z.infer<typeof severityConfigSchema>;

/** The default severity table with the configured overrides applied. */
export function resolveSeverityTable(config?: SeverityConfig): SeverityTable {
  const table = {} as SeverityTable;
  for (const sev of SEVERITIES) {
    table[sev] = { ...DEFAULT_SEVERITIES[sev], ...(config?.[sev] ?? {}) };
  }
  return table;
}

// ------------------------------------------------------------ status & roles

export const INCIDENT_STATUSES = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'closed',
] as const;
export const incidentStatusSchema = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;
export const OPEN_STATUSES: ReadonlyArray<IncidentStatus> = [
  'investigating',
  'identified',
  'monitoring',
];
export function isOpenStatus(status: IncidentStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export const INCIDENT_ROLES = [
  'commander',
  'communications',
  'scribe',
] as const;
export const incidentRoleSchema = z.enum(INCIDENT_ROLES);
export type IncidentRole = z.infer<typeof incidentRoleSchema>;

export const roleAssignmentSchema = z.object({
  role: incidentRoleSchema,
  assignee: entityRefSchema,
  assignedAt: isoTimestampSchema,
  assignedBy: z.string().min(1),
  unassignedAt: isoTimestampSchema.optional(),
  unassignedBy: z.string().min(1).optional(),
});
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;

export const incidentRolesSchema = z
  .object({
    commander: entityRefSchema.optional(),
    communications: entityRefSchema.optional(),
    scribe: entityRefSchema.optional(),
  })
  .strict();
export type IncidentRoles = z.infer<typeof incidentRolesSchema>;

// ---------------------------------------------------------------- postmortem

export const POSTMORTEM_STATES = ['draft', 'in_review', 'published'] as const;
export const postmortemStateSchema = z.enum(POSTMORTEM_STATES);
export type PostmortemState = z.infer<typeof postmortemStateSchema>;

export const ACTION_ITEM_PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export const actionItemPrioritySchema = z.enum(ACTION_ITEM_PRIORITIES);
export type ActionItemPriority = z.infer<typeof actionItemPrioritySchema>;
export const ACTION_ITEM_STATUSES = [
  'open',
  'in_progress',
  'done',
  'wont_do',
] as const;
export const actionItemStatusSchema = z.enum(ACTION_ITEM_STATUSES);
export type ActionItemStatus = z.infer<typeof actionItemStatusSchema>;

export const actionItemSchema = z.object({
  id: z.string().min(1).max(RESOURCE_ID_MAX_LENGTH),
  title: z.string().min(1, 'must not be empty').max(500),
  owner: entityRefSchema,
  /** Calendar date `YYYY-MM-DD`, due at the end of that day (UTC). */
  dueDate: z.string().date('must be a date YYYY-MM-DD').optional(),
  priority: actionItemPrioritySchema,
  status: actionItemStatusSchema,
  link: z.string().url().optional(),
});
export type ActionItem = z.infer<typeof actionItemSchema>;

export const postmortemTimelineEntrySchema = z
  .object({
    at: isoTimestampSchema,
    text: z.string().min(1).max(5000),
  })
  .strict();
export type PostmortemTimelineEntry = z.infer<
  typeof postmortemTimelineEntrySchema
>;

const markdownText = z.string().max(100_000).default('');

/** A postmortem following the Google SRE book template. */
export const postmortemSchema = z.object({
  id: z.string().min(1),
  incidentId: z.string().min(1),
  title: z.string().min(1).max(200),
  state: postmortemStateSchema,
  authors: z.array(entityRefSchema).default([]),
  summary: markdownText,
  impact: markdownText,
  rootCauses: markdownText,
  trigger: markdownText,
  resolution: markdownText,
  detection: markdownText,
  actionItems: z.array(actionItemSchema).default([]),
  lessonsLearned: z
    .object({
      whatWentWell: markdownText,
      whatWentWrong: markdownText,
      whereWeGotLucky: markdownText,
    })
    .default({}),
  timeline: z.array(postmortemTimelineEntrySchema).default([]),
  supportingInformation: markdownText,
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
  publishedAt: isoTimestampSchema.optional(),
  version: z.number().int().nonnegative(),
});
export type Postmortem = z.infer<typeof postmortemSchema>;

// ------------------------------------------------------------------ incident

export const incidentTimestampsSchema = z.object({
  detectedAt: isoTimestampSchema.optional(),
  declaredAt: isoTimestampSchema,
  acknowledgedAt: isoTimestampSchema.optional(),
  mitigatedAt: isoTimestampSchema.optional(),
  resolvedAt: isoTimestampSchema.optional(),
  closedAt: isoTimestampSchema.optional(),
});
export type IncidentTimestamps = z.infer<typeof incidentTimestampsSchema>;

const entityRefsSchema = z
  .array(entityRefSchema)
  .min(1, 'at least one affected entity ref is required')
  .max(50)
  .refine(refs => new Set(refs).size === refs.length, {
    message: 'entity refs must be unique',
  });

export const incidentSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1).max(200),
  summary: z.string().max(10_000).optional(),
  severity: severitySchema,
  status: incidentStatusSchema,
  entityRefs: entityRefsSchema,
  roles: incidentRolesSchema,
  roleHistory: z.array(roleAssignmentSchema),
  timestamps: incidentTimestampsSchema,
  /**
   * Who acknowledged it (with `timestamps.acknowledgedAt`): the user who
   * declared it, pressed acknowledge, took command or first changed its
   * status. Unset while an incident opened by an alert is unacknowledged.
   */
  acknowledgedBy: z.string().min(1).optional(),
  /** The state of the incident's postmortem, if one exists. */
  postmortemState: postmortemStateSchema.optional(),
  /** Alertmanager `groupKey` when the incident was opened by an alert group. */
  alertGroupKey: z.string().optional(),
  createdBy: z.string().min(1),
  updatedAt: isoTimestampSchema,
  /** Optimistic concurrency: bumped on every change. */
  version: z.number().int().nonnegative(),
});
export type Incident = z.infer<typeof incidentSchema>;

// ------------------------------------------------------------ timeline events

const eventBase = {
  at: isoTimestampSchema,
  actor: z.string().min(1),
};
const alertLabels = z.record(z.string());

export const timelineEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...eventBase,
    type: z.literal('status_changed'),
    from: incidentStatusSchema,
    to: incidentStatusSchema,
  }),
  z.object({
    ...eventBase,
    type: z.literal('severity_changed'),
    from: severitySchema,
    to: severitySchema,
  }),
  z.object({
    ...eventBase,
    type: z.literal('role_assigned'),
    role: incidentRoleSchema,
    assignee: entityRefSchema,
    previous: entityRefSchema.optional(),
  }),
  z.object({
    ...eventBase,
    type: z.literal('role_unassigned'),
    role: incidentRoleSchema,
    previous: entityRefSchema,
  }),
  z.object({
    ...eventBase,
    type: z.literal('note'),
    text: z.string().min(1).max(10_000),
  }),
  z.object({
    ...eventBase,
    type: z.literal('alert_attached'),
    fingerprint: z.string().min(1),
    alertName: z.string().optional(),
    labels: alertLabels,
    /** The alert's annotations (summary, description, runbook_url, ...). */
    annotations: alertLabels.optional(),
    startsAt: isoTimestampSchema,
    generatorURL: z.string().optional(),
  }),
  z.object({
    ...eventBase,
    type: z.literal('alert_resolved'),
    fingerprint: z.string().min(1),
    alertName: z.string().optional(),
    endsAt: isoTimestampSchema,
  }),
  z.object({
    ...eventBase,
    type: z.literal('acknowledged'),
  }),
  z.object({
    ...eventBase,
    type: z.literal('alerts_truncated'),
    /** Alerts Alertmanager left out of the notification (`max_alerts`). */
    truncatedAlerts: z.number().int().nonnegative(),
    /** Alerts the notification did carry. */
    receivedAlerts: z.number().int().nonnegative(),
  }),
  z.object({
    ...eventBase,
    type: z.literal('link'),
    url: z.string().url(),
    title: z.string().max(500).optional(),
  }),
  z.object({
    ...eventBase,
    /** The on-call backend reached people for this incident (one escalation step). */
    type: z.literal('paged'),
    userRefs: z.array(entityRefSchema).max(200),
    policyName: z.string().max(200).optional(),
    /** Zero-based step and repeat of the escalation policy. */
    stepIndex: z.number().int().nonnegative(),
    repeatIndex: z.number().int().nonnegative(),
    /** The policy targets that named these people (a schedule, group or user). */
    via: z.array(z.string().max(300)).max(50).optional(),
  }),
  z.object({
    ...eventBase,
    /** Nobody was paged: the owners were notified instead. */
    type: z.literal('paging_unavailable'),
    reason: z.enum(['no-policy', 'nobody-on-call', 'unreachable']),
    message: z.string().max(1000),
  }),
  z.object({
    ...eventBase,
    type: z.literal('postmortem_created'),
    postmortemId: z.string().min(1),
  }),
  z.object({
    ...eventBase,
    type: z.literal('postmortem_published'),
    postmortemId: z.string().min(1),
  }),
]);
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
export type TimelineEventType = TimelineEvent['type'];

// ------------------------------------------------------------------ requests

export const declareIncidentRequestSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(200),
    summary: z.string().max(10_000).optional(),
    severity: severitySchema,
    entityRefs: entityRefsSchema,
    /**
     * When the problem was noticed (default: now). Not after the
     * declaration (a little clock skew is forgiven); MTTA counts from it.
     */
    detectedAt: isoTimestampSchema.optional(),
    commander: userRefSchema.optional(),
  })
  .strict();
export type DeclareIncidentRequest = z.infer<
  typeof declareIncidentRequestSchema
>;

export const roleChangesSchema = z
  .object({
    commander: userRefSchema.nullable().optional(),
    communications: userRefSchema.nullable().optional(),
    scribe: userRefSchema.nullable().optional(),
  })
  .strict();
/** Per role: an entity ref to assign, `null` to unassign, absent to keep. */
export type RoleChanges = z.infer<typeof roleChangesSchema>;

export const incidentChangesSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(200).optional(),
    summary: z.string().max(10_000).optional(),
    severity: severitySchema.optional(),
    status: incidentStatusSchema.optional(),
    entityRefs: entityRefsSchema.optional(),
    roles: roleChangesSchema.optional(),
  })
  .strict();
export type IncidentChanges = z.infer<typeof incidentChangesSchema>;

export const updateIncidentRequestSchema = incidentChangesSchema
  .extend({
    expectedVersion: z.number().int().nonnegative(),
  })
  .strict()
  .refine(
    req =>
      Object.keys(req).some(
        key =>
          key !== 'expectedVersion' &&
          req[key as keyof typeof req] !== undefined,
      ),
    { message: 'the update changes nothing' },
  );
export type UpdateIncidentRequest = z.infer<typeof updateIncidentRequestSchema>;

export const addNoteRequestSchema = z
  .object({
    text: z.string().trim().min(1, 'must not be empty').max(10_000),
  })
  .strict();
export type AddNoteRequest = z.infer<typeof addNoteRequestSchema>;

/** `POST /incidents/:id/paging`: what the on-call backend reports it did (service principals only). */
export const recordPagingRequestSchema = z
  .object({
    events: z
      .array(
        z
          .object({
            type: z.literal('paged'),
            at: isoTimestampSchema,
            userRefs: z.array(entityRefSchema).min(1).max(200),
            policyName: z.string().max(200).optional(),
            stepIndex: z.number().int().nonnegative(),
            repeatIndex: z.number().int().nonnegative(),
            via: z.array(z.string().max(300)).max(50).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(50),
  })
  .strict();
export type RecordPagingRequest = z.infer<typeof recordPagingRequestSchema>;

export const assignRoleRequestSchema = z
  .object({
    role: incidentRoleSchema,
    /** The user to assign, or `null` to unassign the role. */
    assignee: entityRefSchema.nullable(),
    expectedVersion: z.number().int().nonnegative(),
  })
  .strict();
export type AssignRoleRequest = z.infer<typeof assignRoleRequestSchema>;
