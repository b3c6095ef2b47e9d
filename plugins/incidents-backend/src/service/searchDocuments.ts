import {
  INCIDENT_SEARCH_TYPE,
  IncidentSearchDocumentPage,
  POSTMORTEM_SEARCH_TYPE,
} from '@vigil/backstage-plugin-incidents-common';
import type { IncidentStore } from '../database/IncidentStore';

// Published postmortems are long; the index keeps enough to find them.
const MAX_TEXT = 20_000;

function strip(markdown: string): string {
  // HTML comments are the template's prompts, not content.
  return markdown.replace(/<!--[\s\S]*?-->/g, '').trim();
}

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
          incident.summary ?? '',
          `Status: ${incident.status}. Affected: ${incident.entityRefs.join(
            ', ',
          )}.`,
          ...notes,
        ]
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
        .map(strip)
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
