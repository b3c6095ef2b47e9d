import {
  ActionItem,
  Postmortem,
  toMillis,
} from '@vigil/backstage-plugin-incidents-common';
import { iso, msOrNull } from '../incidents/rows';

/** A row of `postmortems`. */
export interface PostmortemRow {
  id: string;
  incident_id: string;
  state: string;
  title: string;
  content: string;
  created_by: string;
  created_at: number | string;
  updated_at: number | string;
  published_at: number | string | null;
  version: number | string;
}

/** What `postmortems.content` holds: the document's sections. */
type PostmortemContent = Omit<
  Postmortem,
  | 'id'
  | 'incidentId'
  | 'title'
  | 'state'
  | 'actionItems'
  | 'createdAt'
  | 'updatedAt'
  | 'publishedAt'
  | 'version'
>;

export function rowToPostmortem(
  row: PostmortemRow,
  items: ActionItem[],
): Postmortem {
  const content = JSON.parse(row.content) as PostmortemContent;
  return {
    id: row.id,
    incidentId: row.incident_id,
    title: row.title,
    state: row.state as Postmortem['state'],
    ...content,
    actionItems: items,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...(row.published_at !== null
      ? { publishedAt: iso(row.published_at) }
      : {}),
    version: Number(row.version),
  };
}

function postmortemContent(pm: Postmortem): PostmortemContent {
  return {
    authors: pm.authors,
    summary: pm.summary,
    impact: pm.impact,
    rootCauses: pm.rootCauses,
    trigger: pm.trigger,
    resolution: pm.resolution,
    detection: pm.detection,
    lessonsLearned: pm.lessonsLearned,
    timeline: pm.timeline,
    supportingInformation: pm.supportingInformation,
  };
}

/** The row of `pm`; `created_by` only when given (it never changes). */
export function postmortemToRow(
  pm: Postmortem,
  createdBy?: string,
): Omit<PostmortemRow, 'created_by'> & { created_by?: string } {
  return {
    id: pm.id,
    incident_id: pm.incidentId,
    state: pm.state,
    title: pm.title,
    content: JSON.stringify(postmortemContent(pm)),
    ...(createdBy ? { created_by: createdBy } : {}),
    created_at: toMillis(pm.createdAt),
    updated_at: toMillis(pm.updatedAt),
    published_at: msOrNull(pm.publishedAt),
    version: pm.version,
  };
}
