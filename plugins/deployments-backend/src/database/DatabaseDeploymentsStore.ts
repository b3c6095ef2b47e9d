import { randomUUID } from 'node:crypto';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { pluginMigrations } from '@vigil/backend-kit';
import type { DeploymentRecord } from '@vigil/backstage-plugin-deployments-common';
import type { Knex } from 'knex';
import type {
  DeploymentEdit,
  DeploymentListQuery,
  DeploymentsStore,
  NewDeployment,
} from './DeploymentsStore';
import { createDeployment } from './operations/deployments/createDeployment';
import { getDeployment } from './operations/deployments/getDeployment';
import { listDeployments } from './operations/deployments/listDeployments';
import { listEntityRefs } from './operations/deployments/listEntityRefs';
import { updateDeployment } from './operations/deployments/updateDeployment';
import type { StoreInternals } from './operations/StoreInternals';

/** The plugin's migrations (`migrations/`). */
export const deploymentsMigrations = pluginMigrations(
  '@vigil/backstage-plugin-deployments-backend',
);

/**
 * {@link DeploymentsStore} on the plugin's database (SQLite or PostgreSQL):
 * a facade over the operations in `./operations/deployments/<verb>.ts`.
 */
export class DatabaseDeploymentsStore implements DeploymentsStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseDeploymentsStore> {
    return new DatabaseDeploymentsStore(
      await deploymentsMigrations.client(options.database, options),
    );
  }

  /** What the operations use of this store. */
  private readonly internals: StoreInternals;

  constructor(db: Knex) {
    this.internals = {
      db,
      isPostgres: String(db.client.config.client).includes('pg'),
      newId: randomUUID,
    };
  }

  async createDeployment(input: NewDeployment): Promise<DeploymentRecord> {
    return createDeployment(this.internals, input);
  }

  async getDeployment(id: string): Promise<DeploymentRecord | undefined> {
    return getDeployment(this.internals, id);
  }

  async updateDeployment(
    edit: DeploymentEdit,
  ): Promise<DeploymentRecord | 'conflict' | undefined> {
    return updateDeployment(this.internals, edit);
  }

  async listDeployments(
    query: DeploymentListQuery,
  ): Promise<{ items: DeploymentRecord[]; totalCount: number }> {
    return listDeployments(this.internals, query);
  }

  async listEntityRefs(): Promise<string[]> {
    return listEntityRefs(this.internals);
  }
}
