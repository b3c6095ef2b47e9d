import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Layer } from '@vigil/backstage-plugin-oncall-common';
import type { Knex } from 'knex';
import { DatabaseOnCallStore, oncallMigrations } from '../DatabaseOnCallStore';
import type {
  NewEscalationPolicy,
  NewOverride,
  NewPage,
  NewSchedule,
} from '../OnCallStore';

/** Fixtures for the store operations' tests. */
export const ALICE = 'user:default/alice';
export const BOB = 'user:default/bob';
export const CAROL = 'user:default/carol';
export const SRE = 'group:default/sre';
export const PAYMENTS = 'group:default/payments';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const T0 = Date.parse('2026-11-01T10:00:00Z');

/** A store on a fresh, migrated database. */
export async function migratedStore(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<{ knex: Knex; store: DatabaseOnCallStore }> {
  const knex = await databases.init(databaseId);
  await oncallMigrations.migrate(knex);
  return { knex, store: new DatabaseOnCallStore(knex) };
}

export function layer(
  id: string,
  participants: string[],
  overrides: Partial<Layer> = {},
): Layer {
  return {
    id,
    name: `Layer ${id}`,
    rotation: { unit: 'week', length: 1 },
    start: '2026-11-02T09:00',
    participants,
    restrictions: [],
    ...overrides,
  };
}

export function newSchedule(overrides: Partial<NewSchedule> = {}): NewSchedule {
  return {
    ownerRef: SRE,
    name: 'Primary',
    timeZone: 'Europe/Berlin',
    layers: [layer('l1', [ALICE, BOB])],
    createdBy: ALICE,
    now: T0,
    ...overrides,
  };
}

export function newOverride(
  scheduleId: string,
  start: number,
  end: number,
  overrides: Partial<NewOverride> = {},
): NewOverride {
  return {
    scheduleId,
    start,
    end,
    action: 'add',
    userRef: CAROL,
    createdBy: ALICE,
    createdAt: T0,
    ...overrides,
  };
}

export function newPolicy(
  overrides: Partial<NewEscalationPolicy> = {},
): NewEscalationPolicy {
  return {
    ownerRef: PAYMENTS,
    name: 'Default',
    repeat: 2,
    steps: [
      { delayMinutes: 0, targets: [{ kind: 'user', ref: ALICE }] },
      { delayMinutes: 15, targets: [{ kind: 'group', ref: SRE }] },
    ],
    createdBy: ALICE,
    now: T0,
    ...overrides,
  };
}

export function newPage(overrides: Partial<NewPage> = {}): NewPage {
  return {
    entityRef: 'component:default/scoring-api',
    ownerRef: PAYMENTS,
    title: 'Scoring API error budget burning',
    severity: 'high',
    repeat: 1,
    steps: newPolicy().steps,
    nextEscalationAt: T0,
    openedAt: T0,
    openedBy: 'plugin:incidents',
    ...overrides,
  };
}

/** The SQL `knex` sends while `run` runs: "no N+1" as a number. */
export async function countQueries<T>(
  knex: Knex,
  run: () => Promise<T>,
): Promise<{ result: T; queries: number }> {
  let queries = 0;
  const listener = () => {
    queries += 1;
  };
  knex.on('query', listener);
  try {
    return { result: await run(), queries };
  } finally {
    knex.removeListener('query', listener);
  }
}
