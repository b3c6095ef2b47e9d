import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import {
  DatabaseDeploymentsStore,
  deploymentsMigrations,
} from '../DatabaseDeploymentsStore';
import type { NewDeployment } from '../DeploymentsStore';

/** Fixtures for the store operations' tests. */
export const SCORING_API = 'component:default/scoring-api';
export const OTHER = 'component:default/other';
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
export const T0 = Date.parse('2026-11-01T10:00:00Z');
export const iso = (ms: number) => new Date(ms).toISOString();

/** A store on a fresh, migrated database. */
export async function migratedStore(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<{ knex: Knex; store: DatabaseDeploymentsStore }> {
  const knex = await databases.init(databaseId);
  await deploymentsMigrations.migrate(knex);
  return { knex, store: new DatabaseDeploymentsStore(knex) };
}

export function newDeployment(
  overrides: Partial<NewDeployment> = {},
): NewDeployment {
  return {
    entityRef: SCORING_API,
    environment: 'production',
    kind: 'deploy',
    release: {
      version: '0.1.0+3f2a1bc',
      commit: '3f2a1bc',
      commitTime: iso(T0 - DAY),
    },
    fromColor: 'blue',
    toColor: 'green',
    operator: 'ci@builder',
    startedAt: iso(T0),
    outcome: 'in_progress',
    steps: [{ name: 'build', status: 'running', startedAt: iso(T0) }],
    smoke: [],
    recordedBy: 'vigil-deploy',
    now: T0,
    ...overrides,
  };
}
