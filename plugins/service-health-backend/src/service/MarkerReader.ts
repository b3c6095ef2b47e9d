/**
 * Deploy and incident markers of an entity within a range, read from the
 * deployments and incidents backends over HTTP with the backend's own
 * service credentials (the caller may already read the entity). Markers are
 * context: a backend that does not answer leaves its markers out and a note.
 */
import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  createResilientFetch,
  type DependencyHealthService,
} from '@vigil/backend-kit';
import type {
  HealthDeployMarker,
  HealthIncidentMarker,
  HealthMarkers,
} from '@vigil/backstage-plugin-service-health-common';

/** The most markers of each kind a chart shows. */
const MAX_MARKERS = 200;

interface DeploymentRecordLike {
  startedAt?: string;
  kind?: string;
  outcome?: string;
  release?: { version?: string };
}

interface IncidentLike {
  id?: string;
  title?: string;
  severity?: string;
  timestamps?: {
    detectedAt?: string;
    declaredAt?: string;
    resolvedAt?: string;
    closedAt?: string;
  };
}

export interface MarkerSource {
  markers(
    entityRef: string,
    fromMs: number,
    toMs: number,
  ): Promise<HealthMarkers>;
}

export class MarkerReader implements MarkerSource {
  constructor(
    private readonly options: {
      auth: AuthService;
      discovery: DiscoveryService;
      dependencyHealth?: DependencyHealthService;
      fetchImpl?: typeof fetch;
    },
  ) {}

  async markers(
    entityRef: string,
    fromMs: number,
    toMs: number,
  ): Promise<HealthMarkers> {
    const from = new Date(fromMs).toISOString();
    const to = new Date(toMs).toISOString();
    const [deploys, incidents] = await Promise.allSettled([
      this.get<{ items?: DeploymentRecordLike[] }>(
        'deployments',
        `/deployments?${new URLSearchParams({
          entityRef,
          from,
          to,
          limit: String(MAX_MARKERS),
        })}`,
      ),
      // The incidents list has no time filter: the newest 200 of the
      // entity, kept when open at some point of the range.
      this.get<{ items?: IncidentLike[] }>(
        'incidents',
        `/incidents?${new URLSearchParams({
          entityRef,
          status: 'all',
          limit: String(MAX_MARKERS),
        })}`,
      ),
    ]);
    const notes: string[] = [];
    const result: HealthMarkers = { deploys: [], incidents: [], notes };
    if (deploys.status === 'fulfilled') {
      result.deploys = (deploys.value.items ?? []).flatMap(
        (record): HealthDeployMarker[] =>
          record.startedAt
            ? [
                {
                  at: record.startedAt,
                  kind: record.kind ?? 'deploy',
                  outcome: record.outcome ?? 'unknown',
                  version: record.release?.version ?? '',
                },
              ]
            : [],
      );
    } else {
      notes.push(
        `Deploy markers are missing: ${(deploys.reason as Error).message}`,
      );
    }
    if (incidents.status === 'fulfilled') {
      result.incidents = (incidents.value.items ?? []).flatMap(
        (incident): HealthIncidentMarker[] => {
          const t = incident.timestamps ?? {};
          const at = t.detectedAt ?? t.declaredAt;
          const end = t.resolvedAt ?? t.closedAt;
          if (!incident.id || !at) return [];
          const startMs = Date.parse(at);
          const endMs = end ? Date.parse(end) : Infinity;
          if (startMs > toMs || endMs < fromMs) return [];
          return [
            {
              id: incident.id,
              title: incident.title ?? incident.id,
              ...(incident.severity ? { severity: incident.severity } : {}),
              at,
              ...(end ? { resolvedAt: end } : {}),
            },
          ];
        },
      );
    } else {
      notes.push(
        `Incident markers are missing: ${(incidents.reason as Error).message}`,
      );
    }
    return result;
  }

  private async get<T>(pluginId: string, path: string): Promise<T> {
    const { auth, discovery, dependencyHealth } = this.options;
    const fetchImpl = dependencyHealth
      ? createResilientFetch(
          dependencyHealth.dependency(`plugin:${pluginId}`, {
            displayName: `The ${pluginId} backend`,
          }),
          { fetch: this.options.fetchImpl },
        )
      : this.options.fetchImpl ?? fetch;
    const baseUrl = await discovery.getBaseUrl(pluginId);
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: pluginId,
    });
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    } catch (error) {
      throw new Error(
        `the ${pluginId} backend did not answer (${(error as Error).message})`,
      );
    }
    if (!response.ok) {
      throw new Error(`the ${pluginId} backend answered ${response.status}`);
    }
    return (await response.json()) as T;
  }
}
