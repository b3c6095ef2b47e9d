import { z } from 'zod';
import type { Entity } from '@backstage/catalog-model';
import type { EvidenceLink } from '@vigil/backstage-plugin-launch-gates-common';
import type { LaunchGatesCheckProvider } from '@vigil/backstage-plugin-launch-gates-node';
import { firstLinks, listInWords, messageOf, plural, statusOf } from './util';

/** The entity annotation naming its alerts' `service` label (as incidents-backend reads it). */
export const ALERT_SERVICE_ANNOTATION = 'vigil.dev/alert-service';

/** The parts of Prometheus's `GET /api/v1/rules?type=alert` this check reads. */
interface RulesAnswer {
  status: string;
  error?: string;
  data?: {
    groups: Array<{
      name: string;
      file?: string;
      rules: Array<{
        type: string;
        name: string;
        labels?: Record<string, string>;
        annotations?: Record<string, string>;
      }>;
    }>;
  };
}

const paramsSchema = z.object({}).strict();
type Params = z.infer<typeof paramsSchema>;

interface AlertRunbook {
  alert: string;
  severity: string | null;
  group: string;
  runbookUrl: string | null;
  /** Whether the runbook is a TechDocs page the portal serves; why not. */
  resolved: boolean;
  problem?: string;
}

/**
 * The TechDocs static path of a runbook URL of the portal
 * (`<app>/docs/<ns>/<kind>/<name>/<page>/`), or why it is not one.
 */
export function techDocsStaticPath(
  runbookUrl: string,
  appBaseUrl: string,
  portalAliases: readonly string[] = [],
): { path: string } | { problem: string } {
  let url: URL;
  let portals: URL[];
  try {
    url = new URL(runbookUrl);
    portals = [appBaseUrl, ...portalAliases].map(u => new URL(u));
  } catch {
    return { problem: `not a URL: ${runbookUrl}` };
  }
  const portalBase = (portal: URL) => portal.pathname.replace(/\/+$/, '');
  const app = portals.find(
    portal =>
      url.origin === portal.origin &&
      url.pathname.startsWith(`${portalBase(portal)}/docs/`),
  );
  if (!app) {
    return {
      problem: `not a TechDocs page of this portal (${portals
        .map(portal => `${portal.origin}${portalBase(portal)}/docs/...`)
        .join(' or ')})`,
    };
  }
  const base = portalBase(app);
  const parts = url.pathname
    .slice(base.length + '/docs/'.length)
    .split('/')
    .filter(Boolean)
    .map(part => decodeURIComponent(part));
  // Decoded parts with a slash or a dot-segment could step out of the site.
  if (
    parts.length < 3 ||
    parts.some(p => p === '..' || p === '.' || /[/\\]/.test(p))
  ) {
    return {
      problem: 'names no TechDocs site (/docs/<namespace>/<kind>/<name>)',
    };
  }
  const [namespace, kind, name, ...page] = parts;
  const site = [namespace, kind, name].map(p =>
    encodeURIComponent(p.toLocaleLowerCase('en-US')),
  );
  return {
    path: `/static/docs/${[...site, ...page.map(encodeURIComponent)].join(
      '/',
    )}/index.html`,
  };
}

function alertServiceOf(entity: Entity): string {
  return (
    entity.metadata.annotations?.[ALERT_SERVICE_ANNOTATION] ??
    entity.metadata.name
  );
}

/**
 * A runbook for every alert of the service: Prometheus's alerting rules
 * whose `service` or `sloth_service` label names the entity's alert service,
 * each with a `runbook_url` that is a TechDocs page the portal serves
 * (fetched from the TechDocs backend with service credentials).
 */
export const runbooksProvider: LaunchGatesCheckProvider<Params> = {
  id: 'runbooks',
  title: 'Runbooks for every alert',
  description:
    "Every Prometheus alerting rule of the entity's service (label `service` or `sloth_service`, from `vigil.dev/alert-service` or the entity's name) links a runbook (`runbook_url`) that resolves to a TechDocs page.",
  paramsSchema,
  measures: [
    { name: 'alerts', description: "Alerting rules of the entity's service" },
    {
      name: 'alertsWithoutRunbook',
      description: 'Alerting rules without a runbook_url annotation',
    },
    {
      name: 'runbooksUnresolved',
      description:
        'Alerting rules whose runbook_url is not a TechDocs page the portal serves',
    },
  ],
  defaultPassRule: () => [
    { measure: 'alerts', op: '>=', target: 1 },
    { measure: 'alertsWithoutRunbook', op: '==', target: 0 },
    { measure: 'runbooksUnresolved', op: '==', target: 0 },
  ],
  async evaluate({
    entity,
    prometheusUrl,
    prometheusFetch = fetch,
    appBaseUrl,
    portalAliases,
    readPluginApi,
    memo,
    signal,
  }) {
    if (!prometheusUrl) {
      return {
        kind: 'unknown',
        reason: 'no Prometheus is configured (vigil.prometheus.url)',
      };
    }
    const rulesUrl = `${prometheusUrl.replace(
      /\/+$/,
      '',
    )}/api/v1/rules?type=alert`;
    const readRules = async (): Promise<RulesAnswer> => {
      const response = await prometheusFetch(rulesUrl, {
        signal,
        headers: { accept: 'application/json' },
      });
      if (!response.ok) {
        throw new Error(
          `Prometheus answered ${response.status} to GET /api/v1/rules`,
        );
      }
      return (await response.json()) as RulesAnswer;
    };
    let rules: RulesAnswer;
    try {
      rules = await (memo ? memo(rulesUrl, readRules) : readRules());
    } catch (error) {
      return {
        kind: 'unknown',
        reason: `cannot read Prometheus's alerting rules at ${prometheusUrl}: ${messageOf(
          error,
        )}`,
      };
    }
    if (rules.status !== 'success' || !rules.data) {
      return {
        kind: 'unknown',
        reason: `Prometheus's rules API answered ${rules.status}: ${
          rules.error ?? 'no data'
        }`,
      };
    }

    const service = alertServiceOf(entity);
    const alerts: AlertRunbook[] = [];
    for (const group of rules.data.groups) {
      for (const rule of group.rules) {
        if (rule.type !== 'alerting') continue;
        const labels = rule.labels ?? {};
        if (labels.service !== service && labels.sloth_service !== service) {
          continue;
        }
        const url =
          rule.annotations?.runbook_url ?? rule.annotations?.runbook ?? null;
        alerts.push({
          alert: rule.name,
          severity: labels.severity ?? labels.sloth_severity ?? null,
          group: group.name,
          runbookUrl: url,
          resolved: false,
          ...(url ? {} : { problem: 'no runbook_url annotation' }),
        });
      }
    }

    for (const alert of alerts) {
      if (!alert.runbookUrl) continue;
      const target = techDocsStaticPath(
        alert.runbookUrl,
        appBaseUrl,
        portalAliases,
      );
      if ('problem' in target) {
        alert.problem = target.problem;
        continue;
      }
      try {
        await readPluginApi('techdocs', target.path);
        alert.resolved = true;
      } catch (error) {
        const status = statusOf(error);
        if (status !== 404) {
          // TechDocs itself is unreachable: that is not a missing runbook.
          return {
            kind: 'unknown',
            reason: `cannot check runbook ${alert.runbookUrl}: ${messageOf(
              error,
            )}`,
          };
        }
        alert.problem = 'no such TechDocs page';
      }
    }

    const withoutRunbook = alerts.filter(a => !a.runbookUrl);
    const unresolved = alerts.filter(a => a.runbookUrl && !a.resolved);
    const names = (list: AlertRunbook[]) =>
      listInWords([...new Set(list.map(a => a.alert))]);
    const summary =
      alerts.length === 0
        ? `No Prometheus alerting rule has service="${service}"`
        : [
            `${plural(alerts.length, 'alert')} of ${service}`,
            withoutRunbook.length > 0
              ? `${withoutRunbook.length} without runbook (${names(
                  withoutRunbook,
                )})`
              : undefined,
            unresolved.length > 0
              ? `${
                  unresolved.length
                } with a runbook that does not resolve (${names(unresolved)})`
              : undefined,
            withoutRunbook.length + unresolved.length === 0
              ? 'every runbook resolves to a TechDocs page'
              : undefined,
          ]
            .filter(Boolean)
            .join('; ');
    const links: EvidenceLink[] = [];
    for (const alert of alerts) {
      if (alert.runbookUrl && !links.some(l => l.url === alert.runbookUrl)) {
        links.push({
          title: `Runbook of ${alert.alert}`,
          url: alert.runbookUrl,
        });
      }
    }
    return {
      kind: 'measured',
      measurements: {
        alerts: alerts.length,
        alertsWithoutRunbook: withoutRunbook.length,
        runbooksUnresolved: unresolved.length,
      },
      summary,
      links: firstLinks(links),
      details: { service, alerts: alerts.slice(0, 100) },
    };
  },
};
