import type {
  deploymentCreateSchema,
  DeploymentKind,
  DeploymentRecord,
  DeploymentUpdate,
} from '@vigil/backstage-plugin-deployments-common';
import type { z } from 'zod';

/*
 * Storage of deployment records. Instants are epoch milliseconds here and
 * ISO strings on the wire. Every update names the revision it changes; a
 * stale revision is `'conflict'`, never a silent overwrite.
 */

/**
 * A record to store: the parsed request (defaults applied, entity ref
 * normalised), who posted it and when.
 */
export type NewDeployment = z.output<typeof deploymentCreateSchema> & {
  recordedBy: string;
  now: number;
};

export interface DeploymentEdit extends DeploymentUpdate {
  id: string;
  now: number;
}

export interface DeploymentListQuery {
  /** Only these entities (undefined: all); `[]` matches nothing. */
  entityRefs?: readonly string[];
  kinds?: readonly DeploymentKind[];
  /** `startedAt` in [from, to) (epoch ms). */
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

export interface DeploymentsStore {
  createDeployment(input: NewDeployment): Promise<DeploymentRecord>;
  getDeployment(id: string): Promise<DeploymentRecord | undefined>;
  /** Undefined when missing; 'conflict' when at another revision. */
  updateDeployment(
    edit: DeploymentEdit,
  ): Promise<DeploymentRecord | 'conflict' | undefined>;
  /** One page, newest `startedAt` first, filtered and counted in the database. */
  listDeployments(
    query: DeploymentListQuery,
  ): Promise<{ items: DeploymentRecord[]; totalCount: number }>;
  /** Every entity ref that has records (what the visibility cache asks the catalog about). */
  listEntityRefs(): Promise<string[]>;
}
