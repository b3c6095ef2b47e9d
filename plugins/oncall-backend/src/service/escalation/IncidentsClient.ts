import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';

/** One escalation step delivered for an incident's page. */
export interface PagingEvent {
  at: number;
  repeatIndex: number;
  stepIndex: number;
  userRefs: string[];
  policyName?: string;
  /** The targets that named the users (`schedule:<id>`, group or user refs). */
  via: string[];
}

/** What paging tells the incidents backend. Never throws: escalation goes on regardless. */
export interface IncidentsApi {
  /** Adds a `paged` event to the incident's timeline. */
  recordPaging(incidentId: string, event: PagingEvent): Promise<void>;
  /** Acknowledges the incident as the user whose credentials these are (its MTTA). */
  acknowledge(
    incidentId: string,
    credentials: BackstageCredentials,
  ): Promise<void>;
}

const REQUEST_TIMEOUT_MS = 10_000;

interface IncidentState {
  incident?: { version?: number; timestamps?: { acknowledgedAt?: string } };
}

/**
 * The incidents backend over HTTP (backends never import each other): the
 * timeline's paging events with this plugin's service token, and
 * acknowledgements on behalf of the user who acknowledged the page, so the
 * incident records who acknowledged it and when. Failures are logged.
 */
export class IncidentsClient implements IncidentsApi {
  private readonly fetch: typeof fetch;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      fetch?: typeof fetch;
    },
  ) {
    this.fetch = options.fetch ?? fetch;
  }

  async recordPaging(incidentId: string, event: PagingEvent): Promise<void> {
    const { auth } = this.options;
    try {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'incidents',
      });
      const response = await this.call(
        token,
        'POST',
        `${this.incidentPath(incidentId)}/paging`,
        {
          events: [
            {
              type: 'paged',
              at: new Date(event.at).toISOString(),
              repeatIndex: event.repeatIndex,
              stepIndex: event.stepIndex,
              userRefs: event.userRefs,
              ...(event.policyName && { policyName: event.policyName }),
              via: event.via,
            },
          ],
        },
      );
      if (!response.ok) {
        await this.warn(`record paging on incident ${incidentId}`, response);
      }
    } catch (error) {
      this.options.logger.warn(
        `Could not record paging on incident ${incidentId}: ${error}`,
      );
    }
  }

  async acknowledge(
    incidentId: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    try {
      const { token } = await this.options.auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'incidents',
      });
      const path = this.incidentPath(incidentId);
      const read = await this.call(token, 'GET', path);
      if (!read.ok) {
        await this.warn(`read incident ${incidentId}`, read);
        return;
      }
      let state = (await read.json()) as IncidentState;
      // The acknowledgement names the version it changes; a concurrent edit
      // (409 with the current state) gets one more try.
      for (let attempt = 1; attempt <= 2; attempt++) {
        if (state.incident?.timestamps?.acknowledgedAt) return;
        const response = await this.call(token, 'POST', `${path}/acknowledge`, {
          expectedVersion: state.incident?.version ?? 0,
        });
        if (response.ok) return;
        if (response.status !== 409 || attempt === 2) {
          await this.warn(`acknowledge incident ${incidentId}`, response);
          return;
        }
        const conflict = (await response.json()) as { current?: IncidentState };
        state = conflict.current ?? {};
      }
    } catch (error) {
      this.options.logger.warn(
        `Could not acknowledge incident ${incidentId}: ${error}`,
      );
    }
  }

  private incidentPath(incidentId: string): string {
    return `/incidents/${encodeURIComponent(incidentId)}`;
  }

  private async call(
    token: string,
    method: 'GET' | 'POST',
    path: string,
    body?: object,
  ): Promise<Response> {
    const baseUrl = await this.options.discovery.getBaseUrl('incidents');
    return this.fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body && { 'content-type': 'application/json' }),
      },
      ...(body && { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  }

  private async warn(what: string, response: Response): Promise<void> {
    const text = await response.text().catch(() => '');
    this.options.logger.warn(
      `Could not ${what}: the incidents backend answered ${
        response.status
      } ${text.slice(0, 300)}`,
    );
  }
}
