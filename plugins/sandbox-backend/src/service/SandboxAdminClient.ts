import { InputError, NotFoundError } from '@backstage/errors';
import {
  type AdminService,
  adminServicesResponseSchema,
  type FaultSettings,
} from '@vigil/backstage-plugin-sandbox-common';
import type { SandboxBackendConfig } from '../config';
import { notRunningMessage, SandboxUnavailableError } from './errors';

/** What the sandbox service's reset says of its Prometheus history. */
export interface AdminResetOutcome {
  prometheusHistory?: string;
}

/**
 * The sandbox service's admin API (packages/sandbox-service): its services
 * and their faults, setting faults, and its reset. Every failure to reach
 * it, or a refused token, is a {@link SandboxUnavailableError} saying how to
 * start the sandbox; its own refusals (unknown service, bad faults) keep
 * their status and message.
 */
export class SandboxAdminClient {
  constructor(private readonly config: SandboxBackendConfig) {}

  async listServices(): Promise<AdminService[]> {
    const body = await this.call('GET', '/admin/services');
    const parsed = adminServicesResponseSchema.safeParse(body);
    if (!parsed.success) {
      throw new SandboxUnavailableError(
        notRunningMessage(
          `${this.config.serviceUrl} answered, but not as the sandbox service does`,
        ),
      );
    }
    return parsed.data;
  }

  async setFaults(name: string, faults: FaultSettings): Promise<void> {
    await this.call(
      'PUT',
      `/admin/services/${encodeURIComponent(name)}/faults`,
      faults,
    );
  }

  async reset(): Promise<AdminResetOutcome> {
    const body = (await this.call('POST', '/admin/reset')) as {
      prometheus?: { detail?: unknown };
    };
    const detail = body?.prometheus?.detail;
    return typeof detail === 'string' ? { prometheusHistory: detail } : {};
  }

  private async call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<unknown> {
    const { serviceUrl, adminToken, timeoutMs } = this.config;
    if (!adminToken) {
      throw new SandboxUnavailableError(
        notRunningMessage('vigil.sandbox.adminToken is not set'),
      );
    }
    let response: Response;
    try {
      response = await fetch(`${serviceUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${adminToken}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new SandboxUnavailableError(
        notRunningMessage(`nothing answers at ${serviceUrl}`),
      );
    }
    const text = await response.text().catch(() => '');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (response.ok) return json;
    // The sandbox service answers `{ error: "..." }`; Backstage's shape
    // `{ error: { message } }` is read too.
    const error = (json as { error?: unknown })?.error;
    const message =
      typeof error === 'string'
        ? error
        : (error as { message?: unknown } | undefined)?.message;
    const detail = typeof message === 'string' ? message : response.statusText;
    if (response.status === 400) throw new InputError(detail);
    if (response.status === 404) throw new NotFoundError(detail);
    if (response.status === 401 || response.status === 403) {
      throw new SandboxUnavailableError(
        notRunningMessage(
          'the sandbox service refused vigil.sandbox.adminToken; restart both with ./vigil start --sandbox',
        ),
      );
    }
    throw new SandboxUnavailableError(
      notRunningMessage(
        `the sandbox service answered ${response.status}${
          detail ? `: ${detail}` : ''
        }`,
      ),
    );
  }
}
