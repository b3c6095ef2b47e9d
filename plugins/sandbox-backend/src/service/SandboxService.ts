import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  type AdminService,
  type FaultSettings,
  SANDBOX_NAMESPACE,
  SANDBOX_START_COMMAND,
  type SandboxResetResult,
  type SandboxService as SandboxServiceView,
  type SandboxServicesResponse,
  type SandboxSloStatus,
  type SandboxSloSummary,
} from '@vigil/backstage-plugin-sandbox-common';
import { SandboxUnavailableError } from './errors';
import type { SandboxAdminClient } from './SandboxAdminClient';
import { callPlugin } from './callPlugin';

const SLO_STATUSES: readonly SandboxSloStatus[] = [
  'ok',
  'warning',
  'breaching',
  'no-data',
];

/**
 * The sandbox page's domain: the sandbox Components of the catalog (as the
 * caller may read them) joined with their faults from the sandbox service
 * and their SLOs from the SLO backend; setting faults; and the reset, which
 * clears faults and then purges sandbox incidents, postmortems and SLO
 * history in their backends with this plugin's service credentials. The
 * router has authenticated, validated and authorized the caller.
 */
export class SandboxService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      discovery: DiscoveryService;
      admin: SandboxAdminClient;
    },
  ) {}

  async listServices(
    credentials: BackstageCredentials,
  ): Promise<SandboxServicesResponse> {
    const [entities, admin] = await Promise.all([
      this.sandboxComponents(credentials),
      this.options.admin.listServices().catch((error: unknown) => {
        if (error instanceof SandboxUnavailableError) return error;
        throw error;
      }),
    ]);
    const faults = new Map<string, FaultSettings>(
      Array.isArray(admin)
        ? admin.map((s: AdminService) => [s.name, s.faults])
        : [],
    );
    const services = await Promise.all(
      entities.map(async entity => {
        const name = entity.metadata.name;
        const view: SandboxServiceView = {
          name,
          entityRef: stringifyEntityRef(entity),
          ...(entity.metadata.title && { title: entity.metadata.title }),
          ...(entity.metadata.description && {
            description: entity.metadata.description,
          }),
          ...(faults.has(name) && { faults: faults.get(name) }),
          ...(await this.slosOf(entity, credentials)),
        };
        return view;
      }),
    );
    return {
      running: Array.isArray(admin),
      ...(!Array.isArray(admin) && { message: admin.message }),
      startCommand: SANDBOX_START_COMMAND,
      services,
    };
  }

  async setFaults(
    name: string,
    faults: FaultSettings,
    credentials: BackstageCredentials,
  ): Promise<Pick<SandboxServiceView, 'name' | 'entityRef' | 'faults'>> {
    const entityRef = stringifyEntityRef({
      kind: 'component',
      namespace: SANDBOX_NAMESPACE,
      name,
    });
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No sandbox service ${entityRef} in the catalog`);
    }
    await this.options.admin.setFaults(entity.metadata.name, faults);
    return { name: entity.metadata.name, entityRef, faults };
  }

  /**
   * Every step runs even when one before it failed (a stopped sandbox
   * still has incidents to purge); the result says how each went.
   */
  async reset(): Promise<SandboxResetResult> {
    const faults = await this.options.admin.reset().then(
      outcome => ({ ok: true, ...outcome }),
      (error: Error) => ({ ok: false, error: error.message }),
    );
    const incidents = await this.purge('incidents').then(
      (counts: Record<string, unknown>) => ({
        ok: true,
        incidents: Number(counts.incidents ?? 0),
        postmortems: Number(counts.postmortems ?? 0),
        actionItems: Number(counts.actionItems ?? 0),
      }),
      (error: Error) => ({ ok: false, error: error.message }),
    );
    const slo = await this.purge('slo').then(
      (counts: Record<string, unknown>) => ({
        ok: true,
        evaluations: Number(counts.evaluations ?? 0),
      }),
      (error: Error) => ({ ok: false, error: error.message }),
    );
    return {
      complete: faults.ok && incidents.ok && slo.ok,
      faults,
      incidents,
      slo,
    };
  }

  private async sandboxComponents(
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: { kind: 'component', 'metadata.namespace': SANDBOX_NAMESPACE },
        fields: ['kind', 'metadata', 'spec'],
      },
      { credentials },
    );
    return [...items].sort((a, b) =>
      a.metadata.name.localeCompare(b.metadata.name),
    );
  }

  /** The entity's SLOs as the caller reads them in the SLO backend. */
  private async slosOf(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<Pick<SandboxServiceView, 'slos' | 'sloError'>> {
    const path = `/entities/component/${encodeURIComponent(
      SANDBOX_NAMESPACE,
    )}/${encodeURIComponent(entity.metadata.name)}/slos`;
    try {
      const body = (await callPlugin(this.options, {
        pluginId: 'slo',
        method: 'GET',
        path,
        onBehalfOf: credentials,
        notFound: { slos: [] },
      })) as { slos?: Array<Record<string, unknown>> };
      const slos: SandboxSloSummary[] = (body.slos ?? []).map(slo => ({
        sloId: String(slo.sloId),
        name: String(slo.name),
        status: SLO_STATUSES.includes(slo.status as SandboxSloStatus)
          ? (slo.status as SandboxSloStatus)
          : 'no-data',
        objectivePercent: Number(slo.objectivePercent),
        budgetRemaining:
          typeof slo.budgetRemaining === 'number' ? slo.budgetRemaining : null,
      }));
      return { slos };
    } catch (error) {
      return { sloError: (error as Error).message };
    }
  }

  private async purge(pluginId: 'incidents' | 'slo') {
    return (await callPlugin(this.options, {
      pluginId,
      method: 'POST',
      path: '/purge',
      body: { namespace: SANDBOX_NAMESPACE },
    })) as Record<string, unknown>;
  }
}
