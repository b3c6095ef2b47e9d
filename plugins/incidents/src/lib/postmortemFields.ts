/**
 * The editable content of a postmortem as the editor holds it, and how it
 * becomes a `PUT /postmortems/:id` request.
 */
import {
  ActionItemInput,
  Postmortem,
  SavePostmortemRequest,
  savePostmortemRequestSchema,
} from '@vigil/backstage-plugin-incidents-common';

/**
 * An action item in the editor. `key` is local only: it identifies a new item
 * (no `id` yet) until the server has assigned its id.
 */
export type EditorActionItem = ActionItemInput & { key: string };

export interface LessonsLearned {
  whatWentWell: string;
  whatWentWrong: string;
  whereWeGotLucky: string;
}

export interface PostmortemFields {
  title: string;
  authors: string[];
  summary: string;
  impact: string;
  rootCauses: string;
  trigger: string;
  resolution: string;
  detection: string;
  lessonsLearned: LessonsLearned;
  timeline: Array<{ at: string; text: string }>;
  supportingInformation: string;
  actionItems: EditorActionItem[];
}

/** The Markdown sections of the Google SRE template, in its order. */
export const TEXT_SECTIONS = [
  { key: 'summary', label: 'Summary' },
  { key: 'impact', label: 'Impact' },
  { key: 'rootCauses', label: 'Root causes' },
  { key: 'trigger', label: 'Trigger' },
  { key: 'resolution', label: 'Resolution' },
  { key: 'detection', label: 'Detection' },
] as const;

export const LESSONS_SECTIONS = [
  { key: 'whatWentWell', label: 'What went well' },
  { key: 'whatWentWrong', label: 'What went wrong' },
  { key: 'whereWeGotLucky', label: 'Where we got lucky' },
] as const;

let keyCounter = 0;
/** A key unique within this page's lifetime, for items without an id. */
export function newItemKey(): string {
  keyCounter += 1;
  return `new-${Date.now().toString(36)}-${keyCounter}`;
}

export function fieldsFromPostmortem(postmortem: Postmortem): PostmortemFields {
  return {
    title: postmortem.title,
    authors: [...(postmortem.authors ?? [])],
    summary: postmortem.summary ?? '',
    impact: postmortem.impact ?? '',
    rootCauses: postmortem.rootCauses ?? '',
    trigger: postmortem.trigger ?? '',
    resolution: postmortem.resolution ?? '',
    detection: postmortem.detection ?? '',
    lessonsLearned: {
      whatWentWell: postmortem.lessonsLearned?.whatWentWell ?? '',
      whatWentWrong: postmortem.lessonsLearned?.whatWentWrong ?? '',
      whereWeGotLucky: postmortem.lessonsLearned?.whereWeGotLucky ?? '',
    },
    timeline: (postmortem.timeline ?? []).map(e => ({
      at: e.at,
      text: e.text,
    })),
    supportingInformation: postmortem.supportingInformation ?? '',
    actionItems: (postmortem.actionItems ?? []).map(item => ({
      ...item,
      key: item.id,
    })),
  };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads fields from an untrusted source (a local draft written by an older
 * version of the UI, or edited by hand): every well-typed value is kept, the
 * rest falls back to `fallback`.
 */
export function coerceFields(
  raw: unknown,
  fallback: PostmortemFields,
): PostmortemFields {
  if (!isRecord(raw)) return fallback;
  const text = (key: keyof PostmortemFields) =>
    isString(raw[key]) ? (raw[key] as string) : (fallback[key] as string);
  const lessons = isRecord(raw.lessonsLearned) ? raw.lessonsLearned : {};
  const lesson = (key: keyof LessonsLearned) =>
    isString(lessons[key])
      ? (lessons[key] as string)
      : fallback.lessonsLearned[key];
  const timeline = Array.isArray(raw.timeline)
    ? raw.timeline.filter(isRecord).map(e => ({
        at: isString(e.at) ? e.at : '',
        text: isString(e.text) ? e.text : '',
      }))
    : fallback.timeline;
  const actionItems = Array.isArray(raw.actionItems)
    ? raw.actionItems.filter(isRecord).map(item => {
        const out: EditorActionItem = {
          key: isString(item.key) ? item.key : newItemKey(),
          title: isString(item.title) ? item.title : '',
          owner: isString(item.owner) ? item.owner : '',
          priority: (isString(item.priority)
            ? item.priority
            : 'P2') as EditorActionItem['priority'],
          status: (isString(item.status)
            ? item.status
            : 'open') as EditorActionItem['status'],
        };
        if (isString(item.id) && item.id) out.id = item.id;
        if (isString(item.dueDate) && item.dueDate) out.dueDate = item.dueDate;
        if (isString(item.link) && item.link) out.link = item.link;
        return out;
      })
    : fallback.actionItems;
  return {
    title: text('title'),
    authors: Array.isArray(raw.authors)
      ? raw.authors.filter(isString)
      : fallback.authors,
    summary: text('summary'),
    impact: text('impact'),
    rootCauses: text('rootCauses'),
    trigger: text('trigger'),
    resolution: text('resolution'),
    detection: text('detection'),
    lessonsLearned: {
      whatWentWell: lesson('whatWentWell'),
      whatWentWrong: lesson('whatWentWrong'),
      whereWeGotLucky: lesson('whereWeGotLucky'),
    },
    timeline,
    supportingInformation: text('supportingInformation'),
    actionItems,
  };
}

/** Action items as the API takes them: no local keys, no empty optionals. */
export function toActionItemInputs(
  items: EditorActionItem[],
): ActionItemInput[] {
  return items.map(({ key: _key, ...item }) => {
    const out: ActionItemInput = {
      title: item.title,
      owner: item.owner,
      priority: item.priority,
      status: item.status,
    };
    if (item.id) out.id = item.id;
    if (item.dueDate) out.dueDate = item.dueDate;
    if (item.link) out.link = item.link;
    return out;
  });
}

const same = (a: unknown, b: unknown) =>
  JSON.stringify(a) === JSON.stringify(b);

/** Whether two field sets have the same content (ignoring local item keys). */
export function sameFields(a: PostmortemFields, b: PostmortemFields): boolean {
  return same(
    { ...a, actionItems: toActionItemInputs(a.actionItems) },
    { ...b, actionItems: toActionItemInputs(b.actionItems) },
  );
}

/** The save request for what changed from `base` to `next` (expectedVersion added by the caller). */
export function changedFields(
  base: PostmortemFields,
  next: PostmortemFields,
): Omit<SavePostmortemRequest, 'expectedVersion'> {
  const changes: Omit<SavePostmortemRequest, 'expectedVersion'> = {};
  if (next.title !== base.title) changes.title = next.title;
  if (!same(next.authors, base.authors)) changes.authors = next.authors;
  for (const { key } of TEXT_SECTIONS) {
    if (next[key] !== base[key]) changes[key] = next[key];
  }
  if (!same(next.lessonsLearned, base.lessonsLearned)) {
    changes.lessonsLearned = { ...next.lessonsLearned };
  }
  if (!same(next.timeline, base.timeline)) changes.timeline = next.timeline;
  if (next.supportingInformation !== base.supportingInformation) {
    changes.supportingInformation = next.supportingInformation;
  }
  const items = toActionItemInputs(next.actionItems);
  if (!same(items, toActionItemInputs(base.actionItems))) {
    changes.actionItems = items;
  }
  return changes;
}

/** Validation problems of a save request, as "Field: message" lines. */
export function validateSaveRequest(request: SavePostmortemRequest): string[] {
  const result = savePostmortemRequestSchema.safeParse(request);
  if (result.success) return [];
  return result.error.issues.map(issue => {
    const where = describePath(issue.path);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
}

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  authors: 'Authors',
  summary: 'Summary',
  impact: 'Impact',
  rootCauses: 'Root causes',
  trigger: 'Trigger',
  resolution: 'Resolution',
  detection: 'Detection',
  supportingInformation: 'Supporting information',
  whatWentWell: 'What went well',
  whatWentWrong: 'What went wrong',
  whereWeGotLucky: 'Where we got lucky',
};

/** Names of the fields of list entries (action items, timeline entries). */
const ENTRY_FIELD_LABELS: Record<string, string> = {
  title: 'title',
  at: 'time',
  text: 'text',
  owner: 'owner',
  dueDate: 'due date',
  link: 'link',
  priority: 'priority',
  status: 'status',
};

function describePath(path: Array<string | number>): string {
  const [head, index, field] = path;
  const entryField = field
    ? ` ${ENTRY_FIELD_LABELS[String(field)] ?? field}`
    : '';
  if (head === 'actionItems' && typeof index === 'number') {
    return `Action item ${index + 1}${entryField}`;
  }
  if (head === 'timeline' && typeof index === 'number') {
    return `Timeline entry ${index + 1}${entryField}`;
  }
  if (head === 'authors' && typeof index === 'number') {
    return `Author ${index + 1}`;
  }
  if (head === 'lessonsLearned' && index !== undefined) {
    return FIELD_LABELS[String(index)] ?? String(index);
  }
  return head === undefined ? '' : FIELD_LABELS[String(head)] ?? String(head);
}

/**
 * After a save: gives the new items that were sent the ids the server
 * assigned. The server keeps the order of the list it was sent, so the
 * sent and returned lists match by position.
 */
export function assignServerIds(
  sent: EditorActionItem[],
  returned: ReadonlyArray<{ id: string }>,
): Map<string, string> {
  const ids = new Map<string, string>();
  if (sent.length !== returned.length) return ids;
  sent.forEach((item, index) => {
    if (!item.id) ids.set(item.key, returned[index].id);
  });
  return ids;
}

/** `fields` with the server ids of new action items filled in. */
export function withItemIds(
  fields: PostmortemFields,
  ids: Map<string, string>,
): PostmortemFields {
  if (ids.size === 0) return fields;
  return {
    ...fields,
    actionItems: fields.actionItems.map(item => {
      const id = !item.id ? ids.get(item.key) : undefined;
      return id ? { ...item, id } : item;
    }),
  };
}
