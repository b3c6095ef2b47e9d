import { z } from 'zod';
import type { EvidenceLink } from '@vigil/backstage-plugin-launch-gates-common';
import type { LaunchGatesCheckProvider } from '@vigil/backstage-plugin-launch-gates-node';
import {
  appUrl,
  daysBefore,
  firstLinks,
  listInWords,
  messageOf,
  plural,
} from './util';

/** The incidents plugin's severities (incidents-common model.ts SEVERITIES). */
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
type Severity = (typeof SEVERITIES)[number];

/** The parts of the incidents API's answers this check reads (incidents-common). */
interface Incident {
  id: string;
  title: string;
  severity: Severity;
  status: 'investigating' | 'identified' | 'monitoring' | 'resolved' | 'closed';
  timestamps: { declaredAt: string };
  postmortemState?: 'draft' | 'in_review' | 'published';
}
interface IncidentPage {
  items: Incident[];
  totalCount: number;
  nextCursor?: string;
}
interface PostmortemList {
  items: Array<{ id: string; incidentId: string; state: string }>;
  totalCount: number;
}
interface PostmortemDetails {
  postmortem: {
    id: string;
    incidentId: string;
    actionItems: Array<{
      id: string;
      title: string;
      owner: string;
      /** YYYY-MM-DD, due at the end of that day (UTC). */
      dueDate?: string;
      status: 'open' | 'in_progress' | 'done' | 'wont_do';
    }>;
  };
}

const paramsSchema = z
  .object({
    /** The window of incidents that need a published postmortem. */
    days: z.number().int().min(1).max(365).default(90),
    /** Severities an open incident of blocks the launch. */
    severities: z.array(z.enum(SEVERITIES)).min(1).default(['SEV1', 'SEV2']),
  })
  .strict();
type Params = z.infer<typeof paramsSchema>;

const PAGE = 200;
/** Pages of the window's incidents read at most (2,000 incidents). */
const MAX_PAGES = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Open and in-progress items due before now (incidents-common metrics). */
function isOverdue(
  item: PostmortemDetails['postmortem']['actionItems'][number],
  now: Date,
): boolean {
  if (item.status !== 'open' && item.status !== 'in_progress') return false;
  if (!item.dueDate) return false;
  return Date.parse(`${item.dueDate}T00:00:00Z`) + DAY_MS <= now.getTime();
}

/**
 * No open blocking incident, and every incident of the last N days has a
 * published postmortem whose action items are not overdue (the incidents
 * plugin's API).
 */
export const incidentsProvider: LaunchGatesCheckProvider<Params> = {
  id: 'incidents',
  title: 'Incidents and postmortems',
  description:
    'No open incident of the blocking severities; every incident of the last `days` days has a published postmortem with no overdue action items.',
  paramsSchema,
  measures: [
    {
      name: 'openBlockingIncidents',
      description: 'Open incidents of the blocking severities',
    },
    { name: 'incidents', description: 'Incidents declared in the window' },
    {
      name: 'incidentsWithoutPublishedPostmortem',
      description: "The window's incidents without a published postmortem",
    },
    {
      name: 'overdueActionItems',
      description:
        "Open action items past their due date in the window's postmortems",
    },
  ],
  defaultPassRule: () => [
    { measure: 'openBlockingIncidents', op: '==', target: 0 },
    { measure: 'incidentsWithoutPublishedPostmortem', op: '==', target: 0 },
    { measure: 'overdueActionItems', op: '==', target: 0 },
  ],
  async evaluate({ entityRef, params, now, readPluginApi, appBaseUrl }) {
    const ref = encodeURIComponent(entityRef);
    const incidentLink = (i: Incident): EvidenceLink => ({
      title: `${i.severity} ${i.title} (${i.status})`,
      url: appUrl(appBaseUrl, `/incidents/${encodeURIComponent(i.id)}`),
    });
    try {
      const open = await readPluginApi<IncidentPage>(
        'incidents',
        `/incidents?entityRef=${ref}&status=open&limit=${PAGE}`,
      );
      const blocking = open.items.filter(i =>
        params.severities.includes(i.severity),
      );

      // Newest declared first: read pages until one reaches past the window.
      const since = daysBefore(now, params.days).getTime();
      const recent: Incident[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer: IncidentPage = await readPluginApi<IncidentPage>(
          'incidents',
          `/incidents?entityRef=${ref}&status=all&limit=${PAGE}${
            cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
          }`,
        );
        const inWindow = answer.items.filter(
          i => Date.parse(i.timestamps.declaredAt) >= since,
        );
        recent.push(...inWindow);
        cursor = answer.nextCursor;
        if (!cursor || inWindow.length < answer.items.length) break;
      }
      const withoutPostmortem = recent.filter(
        i => i.postmortemState !== 'published',
      );

      const recentIds = new Set(recent.map(i => i.id));
      const published =
        recent.length === 0
          ? { items: [], totalCount: 0 }
          : await readPluginApi<PostmortemList>(
              'incidents',
              `/postmortems?entityRef=${ref}&state=published&limit=${PAGE}`,
            );
      const overdue: Array<{
        incidentId: string;
        postmortemId: string;
        id: string;
        title: string;
        owner: string;
        dueDate?: string;
      }> = [];
      for (const item of published.items.filter(p =>
        recentIds.has(p.incidentId),
      )) {
        const { postmortem } = await readPluginApi<PostmortemDetails>(
          'incidents',
          `/postmortems/${encodeURIComponent(item.id)}`,
        );
        for (const action of postmortem.actionItems ?? []) {
          if (isOverdue(action, now)) {
            overdue.push({
              incidentId: postmortem.incidentId,
              postmortemId: postmortem.id,
              id: action.id,
              title: action.title,
              owner: action.owner,
              ...(action.dueDate ? { dueDate: action.dueDate } : {}),
            });
          }
        }
      }

      const problems = [
        blocking.length > 0 &&
          `${plural(blocking.length, 'open blocking incident')} (${blocking
            .map(i => i.severity)
            .join(', ')})`,
        withoutPostmortem.length > 0 &&
          `${plural(
            withoutPostmortem.length,
            'incident',
          )} without a published postmortem`,
        overdue.length > 0 && plural(overdue.length, 'overdue action item'),
      ].filter((p): p is string => typeof p === 'string');
      const summary = `${plural(recent.length, 'incident')} in the last ${
        params.days
      } days; ${problems.length > 0 ? listInWords(problems) : 'all clear'}`;
      return {
        kind: 'measured',
        measurements: {
          openBlockingIncidents: blocking.length,
          incidents: recent.length,
          incidentsWithoutPublishedPostmortem: withoutPostmortem.length,
          overdueActionItems: overdue.length,
        },
        summary,
        links: firstLinks([
          ...blocking.map(incidentLink),
          ...withoutPostmortem
            .filter(i => !blocking.some(b => b.id === i.id))
            .map(incidentLink),
          ...[...new Set(overdue.map(o => o.incidentId))].map(id => ({
            title: `Postmortem of incident ${id}: overdue action items`,
            url: appUrl(
              appBaseUrl,
              `/incidents/${encodeURIComponent(id)}/postmortem`,
            ),
          })),
        ]),
        details: {
          severities: params.severities,
          days: params.days,
          openBlocking: blocking.map(i => ({
            id: i.id,
            severity: i.severity,
            status: i.status,
            title: i.title,
          })),
          withoutPublishedPostmortem: withoutPostmortem.slice(0, 50).map(i => ({
            id: i.id,
            severity: i.severity,
            postmortemState: i.postmortemState ?? null,
          })),
          overdueActionItems: overdue.slice(0, 50),
        },
      };
    } catch (error) {
      return { kind: 'unknown', reason: messageOf(error) };
    }
  },
};
