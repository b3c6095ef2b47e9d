import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Incident } from '@vigil/backstage-plugin-incidents-common';
import { isSandboxOnly } from '@vigil/backstage-plugin-sandbox-common';
import type { IncidentStore, StoredIncident } from '../database/IncidentStore';

const PAGE_SEVERITY = {
  SEV1: 'critical',
  SEV2: 'high',
  SEV3: 'normal',
  SEV4: 'low',
} as const;

type Unpaged = 'no-policy' | 'nobody-on-call' | 'unreachable';

/** What the on-call backend answers `POST /pages` (its openapi.yaml). */
interface PageOutcome {
  outcome: 'paged' | 'no-policy' | 'nobody-on-call';
  message?: string;
}

/**
 * The incidents backend's side of flow 4: a declared incident pages the
 * escalation policy of its first affected entity's owner through the
 * on-call backend's HTTP API (service credentials; backends never import
 * each other), and acknowledging or resolving the incident stops the
 * paging. When nobody can be paged the incident's timeline says why, and
 * the caller notifies the owners as before. Never throws.
 */
export class OnCallPaging {
  private readonly fetch: typeof fetch;

  constructor(
    private readonly options: {
      auth: AuthService;
      discovery: DiscoveryService;
      logger: LoggerService;
      store: IncidentStore;
      fetch?: typeof fetch;
      now?: () => number;
    },
  ) {
    this.fetch = options.fetch ?? fetch;
  }

  /** Pages for a newly declared incident; true when someone was paged. */
  async page(stored: StoredIncident): Promise<boolean> {
    const { incident } = stored;
    // Practice in the sandbox wakes nobody: its owner is a real group.
    if (isSandboxOnly(incident.entityRefs)) {
      await this.recordUnpaged(
        incident,
        'no-policy',
        'it is a sandbox incident; practice never pages on-call or notifies the owners',
      );
      return false;
    }
    let reason: Unpaged = 'unreachable';
    let message = 'The on-call backend could not be reached';
    try {
      const response = await this.call('/pages', {
        entityRef: incident.entityRefs[0],
        incidentId: incident.id,
        title: `${incident.severity}: ${incident.title}`.slice(0, 300),
        ...(incident.summary && {
          description: incident.summary.slice(0, 2000),
        }),
        link: `/incidents/${incident.id}`,
        severity: PAGE_SEVERITY[incident.severity],
      });
      if (response.ok) {
        const outcome = (await response.json()) as PageOutcome;
        if (outcome.outcome === 'paged') {
          // Declared by a person, it is acknowledged already: on-call hears
          // of it, but nobody further up the policy is woken.
          if (incident.timestamps.acknowledgedAt) {
            await this.send(
              `/incident-pages/${encodeURIComponent(incident.id)}/acknowledge`,
              { by: incident.acknowledgedBy ?? incident.createdBy },
            );
          }
          return true;
        }
        reason = outcome.outcome;
        message =
          outcome.message ??
          (reason === 'no-policy'
            ? 'No escalation policy covers the affected entity'
            : 'Nobody is on call for the affected entity');
      } else {
        message = `The on-call backend answered ${response.status}`;
        this.options.logger.warn(
          `Could not page for incident ${incident.id}: ${
            response.status
          } ${await response.text()}`,
        );
      }
    } catch (error) {
      this.options.logger.warn(
        `Could not page for incident ${incident.id}: ${error}`,
      );
    }
    await this.recordUnpaged(incident, reason, `${message}; owners notified`);
    return false;
  }

  /** The incident was acknowledged: its pages stop escalating. */
  acknowledged(incidentId: string, by: string): void {
    void this.send(
      `/incident-pages/${encodeURIComponent(incidentId)}/acknowledge`,
      {
        by,
      },
    );
  }

  /** The incident was resolved or closed: its pages are resolved. */
  resolved(incidentId: string): void {
    void this.send(
      `/incident-pages/${encodeURIComponent(incidentId)}/resolve`,
      {},
    );
  }

  private async send(path: string, body: object): Promise<void> {
    try {
      const response = await this.call(path, body);
      if (!response.ok) {
        this.options.logger.warn(
          `On-call backend answered ${response.status} to ${path}`,
        );
      }
    } catch (error) {
      this.options.logger.warn(`Could not reach the on-call backend: ${error}`);
    }
  }

  private async call(path: string, body: object): Promise<Response> {
    const { auth, discovery } = this.options;
    const [baseUrl, { token }] = await Promise.all([
      discovery.getBaseUrl('oncall'),
      auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'oncall',
      }),
    ]);
    return this.fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  }

  private async recordUnpaged(
    incident: Incident,
    reason: Unpaged,
    message: string,
  ): Promise<void> {
    try {
      await this.options.store.mutateIncident<string>(incident.id, current => ({
        ok: true,
        incident: current.incident,
        events: [
          {
            type: 'paging_unavailable',
            at: new Date((this.options.now ?? Date.now)()).toISOString(),
            actor: 'plugin:incidents',
            reason,
            message: message.slice(0, 1000),
          },
        ],
        changed: false,
      }));
    } catch (error) {
      this.options.logger.warn(
        `Could not record on incident ${incident.id} that nobody was paged: ${error}`,
      );
    }
  }
}
