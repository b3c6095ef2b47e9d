import { z } from 'zod';
import type { LaunchGatesCheckProvider } from '@vigil/backstage-plugin-launch-gates-node';
import {
  daysBefore,
  entityPageUrl,
  entityPathOf,
  messageOf,
  plural,
  statusOf,
  windowEnd,
} from './util';

/** The parts of the SLO API's answers this check reads (slo-common api.ts). */
interface EntitySlos {
  entityRef: string;
  errors: Array<{ message: string }>;
  slos: Array<{ sloId: string; name: string; objectivePercent: number }>;
}
interface SloDetail {
  history: {
    from: string;
    to: string;
    summary: {
      evaluations: number;
      evaluationsWithData: number;
      evaluationsOverBudget: number;
      met: boolean | null;
    };
    evaluations: Array<{ evaluatedAt: string }>;
  };
}

const paramsSchema = z
  .object({
    /** The history every SLO must have, and must have met its objective over. */
    days: z.number().int().min(1).max(365).default(28),
  })
  .strict();
type Params = z.infer<typeof paramsSchema>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * SLOs met for the last N days: the entity's SLOs from the SLO plugin, and
 * each one's history over the window. A portal with hours of history fails
 * honestly (`historyDays` is short), however green the SLOs are.
 */
export const sloHistoryProvider: LaunchGatesCheckProvider<Params> = {
  id: 'slo-history',
  title: 'SLO history',
  description:
    "Every SLO of the entity met its objective over the last `days` days, with that much history (the SLO plugin's history API).",
  paramsSchema,
  measures: [
    { name: 'slos', description: 'SLOs the entity declares' },
    {
      name: 'slosMissed',
      description: 'SLOs whose error budget was overspent in the window',
    },
    {
      name: 'slosWithoutData',
      description: 'SLOs with no evaluation with data in the window',
    },
    {
      name: 'historyDays',
      description:
        'Days of history of the SLO with the shortest one (up to the window)',
    },
  ],
  defaultPassRule: params => [
    { measure: 'slos', op: '>=', target: 1 },
    { measure: 'slosMissed', op: '==', target: 0 },
    { measure: 'historyDays', op: '>=', target: params.days },
  ],
  async evaluate({ entity, params, now, readPluginApi, appBaseUrl }) {
    const link = {
      title: 'SLOs of the entity',
      url: entityPageUrl(appBaseUrl, entity, 'slos'),
    };
    let entitySlos: EntitySlos;
    try {
      entitySlos = await readPluginApi<EntitySlos>(
        'slo',
        `/entities/${entityPathOf(entity)}/slos`,
      );
    } catch (error) {
      return {
        kind: 'unknown',
        reason:
          statusOf(error) === 404
            ? `the SLO plugin does not know the entity: ${messageOf(error)}`
            : messageOf(error),
      };
    }
    const to = windowEnd(now);
    const from = daysBefore(to, params.days);
    const query = `from=${from.toISOString()}&to=${to.toISOString()}&points=2000&limit=1`;
    const slos = [];
    for (const slo of entitySlos.slos) {
      let detail: SloDetail;
      try {
        detail = await readPluginApi<SloDetail>(
          'slo',
          `/slos/${encodeURIComponent(slo.sloId)}?${query}`,
        );
      } catch (error) {
        return {
          kind: 'unknown',
          reason: `history of SLO ${slo.sloId}: ${messageOf(error)}`,
          links: [link],
        };
      }
      const first = detail.history.evaluations[0]?.evaluatedAt;
      const historyDays = first
        ? Math.min(
            params.days,
            Math.floor(((to.getTime() - Date.parse(first)) / DAY_MS) * 10) / 10,
          )
        : 0;
      slos.push({
        sloId: slo.sloId,
        name: slo.name,
        objectivePercent: slo.objectivePercent,
        met: detail.history.summary.met,
        evaluationsOverBudget: detail.history.summary.evaluationsOverBudget,
        historyDays,
      });
    }
    const missed = slos.filter(s => s.met === false);
    const withoutData = slos.filter(s => s.met === null);
    const historyDays =
      slos.length > 0 ? Math.min(...slos.map(s => s.historyDays)) : null;
    const summary =
      slos.length === 0
        ? `No SLOs declared${
            entitySlos.errors.length > 0
              ? ` (${plural(entitySlos.errors.length, 'spec error')})`
              : ''
          }`
        : `${plural(slos.length, 'SLO')}: ${missed.length} missed, ${
            withoutData.length
          } without data over the last ${
            params.days
          } days; shortest history ${historyDays} days`;
    return {
      kind: 'measured',
      measurements: {
        slos: slos.length,
        slosMissed: missed.length,
        slosWithoutData: withoutData.length,
        historyDays,
      },
      summary,
      links: [link],
      details: {
        // No window times here: they move every cycle, the hash must not.
        days: params.days,
        slos,
        ...(entitySlos.errors.length > 0
          ? { specErrors: entitySlos.errors.map(e => e.message).slice(0, 20) }
          : {}),
      },
    };
  },
};
