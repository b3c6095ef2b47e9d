import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { isVisible, type ReadableEntitiesCache } from '@vigil/backend-kit';
import {
  deploymentCreateSchema,
  DeploymentKind,
  DeploymentList,
  DeploymentRecord,
  DeploymentUpdate,
  doraFigures,
  DoraFigures,
} from '@vigil/backstage-plugin-deployments-common';
import type { z } from 'zod';
import type { DeploymentsStore } from '../database/DeploymentsStore';
import type { DeploymentsAuthorizer } from './DeploymentsAuthorizer';
import { ENTITY_REF_MESSAGE, normaliseEntityRef } from './entityRefs';

const DAY_MS = 86_400_000;

/**
 * The most records DORA figures are computed from (a year of 25 deploys a
 * day); the oldest beyond it are left out.
 */
export const MAX_DORA_RECORDS = 10_000;

type Credentials = BackstageCredentials;

/** Who did it: a user ref, or the service's subject. */
export function actorOf(credentials: Credentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return principal.subject ?? principal.type ?? 'unknown';
}

/** A 400 naming the field when an instant of the record comes before its start. */
function requireAfterStart(
  startedAt: string,
  instants: { trafficSwitchedAt?: string; finishedAt?: string },
): void {
  const start = Date.parse(startedAt);
  const early = (['trafficSwitchedAt', 'finishedAt'] as const).filter(
    field =>
      instants[field] !== undefined && Date.parse(instants[field]!) < start,
  );
  if (early.length > 0) {
    throw new InputError(
      `Invalid deployment: ${early
        .map(field => `${field}: must not be before startedAt (${startedAt})`)
        .join('; ')}`,
    );
  }
}

/**
 * What the API does with deployment records: checks who may, what exists
 * and what is visible, then reads or writes the store. Records are as
 * visible as their entity (catalog read permission); an entity the caller
 * cannot read is answered like one without records.
 */
export class DeploymentsService {
  constructor(
    private readonly options: {
      store: DeploymentsStore;
      authorizer: DeploymentsAuthorizer;
      catalog: CatalogService;
      auth: Pick<AuthService, 'getOwnServiceCredentials'>;
      visibility: Pick<ReadableEntitiesCache, 'readableEntityRefs'>;
      now: () => number;
    },
  ) {}

  /** The entity as the catalog names it; a 400 naming the field when it is not there. */
  private async requireKnownEntity(entityRef: string): Promise<string> {
    const normalised = normaliseEntityRef(entityRef);
    if (normalised === undefined) {
      throw new InputError(
        `Invalid deployment: entityRef: ${ENTITY_REF_MESSAGE}`,
      );
    }
    // The deploy token may not read the catalog itself: the plugin asks.
    const entity = await this.options.catalog.getEntityByRef(normalised, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    if (!entity) {
      throw new InputError(
        `Invalid deployment: entityRef: ${normalised} is not in the catalog`,
      );
    }
    return normalised;
  }

  async create(
    request: z.output<typeof deploymentCreateSchema>,
    credentials: Credentials,
  ): Promise<DeploymentRecord> {
    const entityRef = await this.requireKnownEntity(request.entityRef);
    requireAfterStart(request.startedAt, request);
    await this.options.authorizer.requireRecord(entityRef, credentials);
    return this.options.store.createDeployment({
      ...request,
      entityRef,
      recordedBy: actorOf(credentials),
      now: this.options.now(),
    });
  }

  /** The stored record, for a writer (a 404 when unknown). */
  async getForUpdate(id: string): Promise<DeploymentRecord> {
    const record = await this.options.store.getDeployment(id);
    if (!record) throw new NotFoundError(`No deployment with id ${id}`);
    return record;
  }

  async update(
    current: DeploymentRecord,
    request: DeploymentUpdate,
    credentials: Credentials,
  ): Promise<DeploymentRecord> {
    requireAfterStart(current.startedAt, request);
    await this.options.authorizer.requireRecord(current.entityRef, credentials);
    const result = await this.options.store.updateDeployment({
      ...request,
      id: current.id,
      now: this.options.now(),
    });
    if (result === undefined) {
      throw new NotFoundError(`No deployment with id ${current.id}`);
    }
    if (result === 'conflict') {
      const latest = await this.options.store.getDeployment(current.id);
      throw new ConflictError(
        `Deployment ${current.id} is at revision ${
          latest?.revision ?? 'unknown'
        }, not ${
          request.revision
        }: someone updated it since you read it; read it again and send its revision`,
      );
    }
    return result;
  }

  /** Whether the caller may read the entity's records (the catalog decides). */
  private async canRead(
    entityRef: string,
    credentials: Credentials,
  ): Promise<boolean> {
    const readable = await this.options.visibility.readableEntityRefs(
      credentials,
    );
    if (isVisible([entityRef], readable)) return true;
    // The cached answer covers entities that had records when it was made.
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    return entity !== undefined;
  }

  async get(id: string, credentials: Credentials): Promise<DeploymentRecord> {
    const record = await this.options.store.getDeployment(id);
    if (!record || !(await this.canRead(record.entityRef, credentials))) {
      throw new NotFoundError(`No deployment with id ${id}`);
    }
    return record;
  }

  async list(
    query: {
      entityRef?: string;
      kind?: DeploymentKind[];
      from?: string;
      to?: string;
      limit: number;
      offset: number;
    },
    credentials: Credentials,
  ): Promise<DeploymentList> {
    const readable = await this.options.visibility.readableEntityRefs(
      credentials,
    );
    let entityRefs: readonly string[] | undefined = readable;
    if (query.entityRef !== undefined) {
      entityRefs = (await this.canRead(query.entityRef, credentials))
        ? [query.entityRef]
        : [];
    }
    return this.options.store.listDeployments({
      entityRefs,
      kinds: query.kind,
      from: query.from === undefined ? undefined : Date.parse(query.from),
      to: query.to === undefined ? undefined : Date.parse(query.to),
      limit: query.limit,
      offset: query.offset,
    });
  }

  async dora(
    entityRef: string,
    days: number,
    credentials: Credentials,
  ): Promise<DoraFigures> {
    if (!(await this.canRead(entityRef, credentials))) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    const to = this.options.now();
    // A day before the window too: a deploy started then may take traffic in it.
    const { items } = await this.options.store.listDeployments({
      entityRefs: [entityRef],
      kinds: ['deploy', 'rollback'],
      from: to - (days + 1) * DAY_MS,
      limit: MAX_DORA_RECORDS,
      offset: 0,
    });
    return doraFigures(items, { entityRef, to, days });
  }
}
