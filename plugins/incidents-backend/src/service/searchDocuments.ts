import {
  INCIDENT_SEARCH_TYPE,
  IncidentSearchDocumentPage,
  POSTMORTEM_SEARCH_TYPE,
  markdownToPlainText,
} from '@vigil/backstage-plugin-incidents-common';
import type { IncidentStore } from '../database/IncidentStore';

// Published postmortems are long; the index keeps enough to find them.
const MAX_TEXT = 20_000;

// Summaries, notes and sections are Markdown; the index and its snippets
// get the words (the template's prompts, HTML comments, drop out too).
const plain = (markdown: string): string => markdownToPlainText(markdown);

/** A page of search documents of one type, with the cursor of the next page. */
export async function toSearchDocuments(
  store: IncidentStore,
  type: 'incidents' | 'postmortems',
  cursor: string | undefined,
  limit: number,
): Promise<IncidentSearchDocumentPage> {
  if (type === 'incidents') {
    const page = await store.searchIncidents(cursor, limit);
    return {
      items: page.items.map(({ incident, notes }) => ({
        title: `[${incident.severity}] ${incident.title}`,
        text: [
          plain(incident.summary ?? ''),
          `Status: ${incident.status}. Affected: ${incident.entityRefs.join(
            ', ',
          )}.`,
          ...notes.map(plain),
        ]
          .filter(Boolean)
          .join('\n')
          .slice(0, MAX_TEXT),
        location: `/incidents/${encodeURIComponent(incident.id)}`,
        type: INCIDENT_SEARCH_TYPE,
        incidentId: incident.id,
        severity: incident.severity,
        status: incident.status,
        entityRefs: incident.entityRefs,
        declaredAt: incident.timestamps.declaredAt,
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }
  const page = await store.searchPublishedPostmortems(cursor, limit);
  return {
    items: page.items.map(({ postmortem, incident }) => ({
      title: `Postmortem: ${postmortem.title}`,
      text: [
        postmortem.summary,
        postmortem.impact,
        postmortem.rootCauses,
        postmortem.trigger,
        postmortem.resolution,
        postmortem.detection,
        postmortem.lessonsLearned.whatWentWell,
        postmortem.lessonsLearned.whatWentWrong,
        postmortem.lessonsLearned.whereWeGotLucky,
        ...postmortem.actionItems.map(item => item.title),
      ]
        .map(plain)
        .filter(Boolean)
        .join('\n')
        .slice(0, MAX_TEXT),
      location: `/incidents/${encodeURIComponent(incident.id)}/postmortem`,
      type: POSTMORTEM_SEARCH_TYPE,
      incidentId: incident.id,
      severity: incident.severity,
      status: incident.status,
      entityRefs: incident.entityRefs,
      declaredAt: incident.timestamps.declaredAt,
      ...(postmortem.publishedAt
        ? { publishedAt: postmortem.publishedAt }
        : {}),
    })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}
