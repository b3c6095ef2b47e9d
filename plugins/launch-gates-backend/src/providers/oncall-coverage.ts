import { z } from 'zod';
import type { LaunchGatesCheckProvider } from '@vigil/backstage-plugin-launch-gates-node';
import {
  appUrl,
  entityPageUrl,
  messageOf,
  plural,
  statusOf,
  windowStart,
} from './util';

/** The parts of the on-call API's answers this check reads (oncall-common api.ts). */
interface OnCallAnswer {
  ownerRef: string | null;
  schedules: Array<{ scheduleId: string; scheduleName: string }>;
  policy: { id: string; name: string } | null;
}
interface ScheduleTimeline {
  scheduleId: string;
  gaps: Array<{ start: string; end: string }>;
}

const paramsSchema = z
  .object({
    /** How far ahead the schedules must have someone on call (the API reads up to 100 days). */
    days: z.number().int().min(1).max(100).default(14),
  })
  .strict();
type Params = z.infer<typeof paramsSchema>;

type Range = [number, number];

/** Where every range list has a gap at once: nobody of any schedule is on call. */
function intersect(a: Range[], b: Range[]): Range[] {
  const out: Range[] = [];
  for (const [aStart, aEnd] of a) {
    for (const [bStart, bEnd] of b) {
      const start = Math.max(aStart, bStart);
      const end = Math.min(aEnd, bEnd);
      if (start < end) out.push([start, end]);
    }
  }
  return out.sort((x, y) => x[0] - y[0]);
}

/**
 * The entity's owner's on-call schedules cover the next N days with no gap
 * (a moment nobody of any schedule is on call), and an escalation policy
 * pages for it (the on-call plugin's API).
 */
export const oncallCoverageProvider: LaunchGatesCheckProvider<Params> = {
  id: 'oncall-coverage',
  title: 'On-call coverage',
  description:
    "The owner's on-call schedules leave no gap over the next `days` days, and an escalation policy pages for the entity.",
  paramsSchema,
  measures: [
    { name: 'schedules', description: "The owner's on-call schedules" },
    {
      name: 'gapMinutes',
      description:
        'Minutes of the window with nobody on call in any schedule (the whole window without schedules)',
    },
    {
      name: 'escalationPolicies',
      description: 'Escalation policies that page for the entity (0 or 1)',
    },
  ],
  defaultPassRule: () => [
    { measure: 'gapMinutes', op: '==', target: 0 },
    { measure: 'escalationPolicies', op: '>=', target: 1 },
  ],
  async evaluate({
    entity,
    entityRef,
    params,
    now,
    readPluginApi,
    appBaseUrl,
  }) {
    const links = [
      {
        title: "The owner's on-call schedules",
        url: entityPageUrl(appBaseUrl, entity),
      },
      { title: 'On-call', url: appUrl(appBaseUrl, '/oncall') },
    ];
    try {
      const answer = await readPluginApi<OnCallAnswer>(
        'oncall',
        `/on-call?entityRef=${encodeURIComponent(entityRef)}`,
      );
      const from = windowStart(now);
      const to = new Date(from.getTime() + params.days * 24 * 60 * 60 * 1000);
      let uncovered: Range[] = [[from.getTime(), to.getTime()]];
      for (const schedule of answer.schedules) {
        const timeline = await readPluginApi<ScheduleTimeline>(
          'oncall',
          `/schedules/${encodeURIComponent(
            schedule.scheduleId,
          )}/timeline?from=${from.toISOString()}&to=${to.toISOString()}`,
        );
        uncovered = intersect(
          uncovered,
          timeline.gaps.map(g => [Date.parse(g.start), Date.parse(g.end)]),
        );
      }
      const gapMs = uncovered.reduce((sum, [s, e]) => sum + (e - s), 0);
      // A second without anyone on call is a gap: round up.
      const gapMinutes = Math.ceil(gapMs / 60000);
      const escalationPolicies = answer.policy ? 1 : 0;
      let coverage = `${plural(
        answer.schedules.length,
        'schedule',
      )} cover the next ${params.days} days`;
      if (answer.schedules.length === 0) {
        coverage = `${answer.ownerRef ?? 'the entity'} has no on-call schedule`;
      } else if (gapMinutes > 0) {
        coverage = `${plural(
          gapMinutes,
          'minute',
        )} without anyone on call in the next ${params.days} days (${plural(
          uncovered.length,
          'gap',
        )})`;
      }
      const parts = [
        coverage,
        answer.policy
          ? `escalation policy ${answer.policy.name}`
          : 'no escalation policy',
      ];
      return {
        kind: 'measured',
        measurements: {
          schedules: answer.schedules.length,
          gapMinutes,
          escalationPolicies,
        },
        summary: parts.join('; '),
        links,
        details: {
          ownerRef: answer.ownerRef,
          schedules: answer.schedules.map(s => ({
            id: s.scheduleId,
            name: s.scheduleName,
          })),
          policy: answer.policy,
          days: params.days,
          gaps: uncovered.length,
          // Gaps cut by the window's ends move every cycle and would change
          // the evidence hash with nothing changed: only whole ones are kept.
          wholeGaps: uncovered
            .filter(([s, e]) => s > from.getTime() && e < to.getTime())
            .slice(0, 10)
            .map(([s, e]) => ({
              start: new Date(s).toISOString(),
              end: new Date(e).toISOString(),
            })),
        },
      };
    } catch (error) {
      return {
        kind: 'unknown',
        reason:
          statusOf(error) === 404
            ? `the on-call plugin does not know the entity: ${messageOf(error)}`
            : messageOf(error),
        links,
      };
    }
  },
};
