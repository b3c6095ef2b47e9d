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

/** Keys of the Markdown sections (text sections, lessons, supporting information). */
export type SectionKey =
  | (typeof TEXT_SECTIONS)[number]['key']
  | (typeof LESSONS_SECTIONS)[number]['key']
  | 'supportingInformation';

const HTML_COMMENT = /<!--([\s\S]*?)-->/g;

/**
 * Splits the template's guidance off a section's text. The template (backend
 * config `vigil.incidents.postmortemTemplate`) writes its prompts as HTML
 * comments; the editor shows them as placeholder and help text instead of
 * as raw `<!-- … -->` inside the field. Text without comments is returned
 * as is.
 */
export function splitGuidance(markdown: string): {
  text: string;
  guidance?: string;
} {
  const prompts: string[] = [];
  const text = markdown.replace(HTML_COMMENT, (_comment, inner: string) => {
    const prompt = inner.trim();
    if (prompt) prompts.push(prompt);
    return '';
  });
  if (text === markdown) return { text };
  return {
    text: text.replace(/\n{3,}/g, '\n\n').trim(),
    guidance: prompts.length > 0 ? prompts.join(' ') : undefined,
  };
}

const withoutGuidance = (markdown: string | undefined) =>
  splitGuidance(markdown ?? '').text;

/** The template's guidance per section of a postmortem, where it has any. */
export function postmortemGuidance(
  postmortem: Postmortem,
): Partial<Record<SectionKey, string>> {
  const sections: Record<SectionKey, string | undefined> = {
    summary: postmortem.summary,
    impact: postmortem.impact,
    rootCauses: postmortem.rootCauses,
    trigger: postmortem.trigger,
    resolution: postmortem.resolution,
    detection: postmortem.detection,
    whatWentWell: postmortem.lessonsLearned?.whatWentWell,
    whatWentWrong: postmortem.lessonsLearned?.whatWentWrong,
    whereWeGotLucky: postmortem.lessonsLearned?.whereWeGotLucky,
    supportingInformation: postmortem.supportingInformation,
  };
  const guidance: Partial<Record<SectionKey, string>> = {};
  for (const [key, markdown] of Object.entries(sections)) {
    const prompt = splitGuidance(markdown ?? '').guidance;
    if (prompt) guidance[key as SectionKey] = prompt;
  }
  return guidance;
}

/** The editable fields of a postmortem, without the template's guidance comments. */
export function fieldsFromPostmortem(postmortem: Postmortem): PostmortemFields {
  return {
    title: postmortem.title,
    authors: [...(postmortem.authors ?? [])],
    summary: withoutGuidance(postmortem.summary),
    impact: withoutGuidance(postmortem.impact),
    rootCauses: withoutGuidance(postmortem.rootCauses),
    trigger: withoutGuidance(postmortem.trigger),
    resolution: withoutGuidance(postmortem.resolution),
    detection: withoutGuidance(postmortem.detection),
    lessonsLearned: {
      whatWentWell: withoutGuidance(postmortem.lessonsLearned?.whatWentWell),
      whatWentWrong: withoutGuidance(postmortem.lessonsLearned?.whatWentWrong),
      whereWeGotLucky: withoutGuidance(
        postmortem.lessonsLearned?.whereWeGotLucky,
      ),
    },
    timeline: (postmortem.timeline ?? []).map(e => ({
      at: e.at,
      text: e.text,
    })),
    supportingInformation: withoutGuidance(postmortem.supportingInformation),
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
): PostmortemChanges {
  const changes: PostmortemChanges = {};
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

/** A top-level field of the save request (what is sent or held back). */
export type SaveField = Exclude<keyof SavePostmortemRequest, 'expectedVersion'>;
export type PostmortemChanges = Omit<SavePostmortemRequest, 'expectedVersion'>;

/** Why one edit cannot be saved, and where it is. */
export interface PostmortemProblem {
  /** The field of the request it holds back. */
  field: SaveField;
  /** Its path in the request, e.g. `['actionItems', 1, 'title']`. */
  path: Array<string | number>;
  /** The whole story: "Action item 2: title is required". */
  text: string;
  /** What to show on the field itself: "Title is required". */
  fieldMessage: string;
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

/** One issue zod reports (the schema's own type; zod is not a dependency here). */
type Issue = NonNullable<
  ReturnType<typeof savePostmortemRequestSchema.safeParse>['error']
>['issues'][number];

/** "is required", "must be a full entity ref …": the message after the field's name. */
function issueMessage(issue: Issue): string {
  if (
    issue.code === 'too_small' &&
    issue.type === 'string' &&
    Number(issue.minimum) <= 1
  ) {
    return 'is required';
  }
  if (issue.code === 'too_big' && issue.type === 'string') {
    return `is too long (at most ${issue.maximum} characters)`;
  }
  if (issue.code === 'too_big' && issue.type === 'array') {
    return `has too many entries (at most ${issue.maximum})`;
  }
  if (issue.code === 'invalid_string' && issue.validation === 'url') {
    return 'must be a URL, e.g. https://tracker.example/ISSUE-1';
  }
  return issue.message;
}

const capitalize = (text: string) =>
  text ? text[0].toLocaleUpperCase('en-US') + text.slice(1) : text;

function toProblem(issue: Issue): PostmortemProblem {
  const [head, index, entryField] = issue.path;
  const message = issueMessage(issue);
  const field = String(head) as SaveField;
  const entry =
    (head === 'actionItems' && 'Action item') ||
    (head === 'timeline' && 'Timeline entry') ||
    (head === 'authors' && 'Author') ||
    undefined;
  if (entry && typeof index === 'number') {
    const where = `${entry} ${index + 1}`;
    if (entryField !== undefined) {
      const name = ENTRY_FIELD_LABELS[String(entryField)] ?? String(entryField);
      return {
        field,
        path: issue.path,
        text: `${where}: ${name} ${message}`,
        fieldMessage: `${capitalize(name)} ${message}`,
      };
    }
    return {
      field,
      path: issue.path,
      text: `${where} ${message}`,
      fieldMessage: `${where} ${message}`,
    };
  }
  const key = head === 'lessonsLearned' && index !== undefined ? index : head;
  const label =
    key === undefined ? '' : FIELD_LABELS[String(key)] ?? String(key);
  const text = label ? `${label} ${message}` : capitalize(message);
  return { field, path: issue.path, text, fieldMessage: text };
}

/** Validation problems of changes (the same schema as the server's). */
export function validateChanges(
  changes: PostmortemChanges,
): PostmortemProblem[] {
  const result = savePostmortemRequestSchema.safeParse({
    expectedVersion: 0,
    ...changes,
  });
  return result.success ? [] : result.error.issues.map(toProblem);
}

/** Validation problems of a save request, as "Field: message" lines. */
export function validateSaveRequest(request: SavePostmortemRequest): string[] {
  const { expectedVersion: _version, ...changes } = request;
  return validateChanges(changes).map(problem => problem.text);
}

/**
 * Splits changes into those that can be saved and those held back. Every
 * field of the request is optional and saved independently, so one invalid
 * field (e.g. an action item without a title: the list is sent whole) keeps
 * only that field from the server, never the rest.
 */
export function splitValidChanges(changes: PostmortemChanges): {
  valid: PostmortemChanges;
  heldBack: SaveField[];
  problems: PostmortemProblem[];
} {
  const problems = validateChanges(changes);
  const heldBack = [...new Set(problems.map(problem => problem.field))];
  const valid: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (!heldBack.includes(key as SaveField)) valid[key] = value;
  }
  return { valid: valid as PostmortemChanges, heldBack, problems };
}

/** `base` with the fields that were saved (`keys`) taken from `next`. */
export function withSavedFields(
  base: PostmortemFields,
  next: PostmortemFields,
  keys: ReadonlyArray<SaveField>,
): PostmortemFields {
  const out = { ...base } as Record<string, unknown>;
  for (const key of keys) out[key] = next[key as keyof PostmortemFields];
  return out as unknown as PostmortemFields;
}

const ACTION_ITEM_FIELD_IDS: Record<string, string> = {
  title: 'title',
  owner: 'owner',
  dueDate: 'due',
  priority: 'priority',
  status: 'status',
  link: 'link',
};

/** The DOM id of the input a problem is about (see PostmortemEditor). */
export function problemFieldId(
  problem: PostmortemProblem,
  fields: PostmortemFields,
): string {
  const [head, index, entryField] = problem.path;
  if (head === 'actionItems' && typeof index === 'number') {
    const item = fields.actionItems[index];
    const suffix = ACTION_ITEM_FIELD_IDS[String(entryField)] ?? 'title';
    return item
      ? `action-item-${item.key}-${suffix}`
      : 'postmortem-actionItems';
  }
  if (head === 'timeline' && typeof index === 'number') {
    return `postmortem-timeline-${index}-${
      entryField === 'at' ? 'at' : 'text'
    }`;
  }
  if (head === 'lessonsLearned' && index !== undefined) {
    return `postmortem-${String(index)}`;
  }
  return `postmortem-${String(head)}`;
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
