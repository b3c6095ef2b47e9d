import type { Knex } from 'knex';
import {
  ActionItem,
  Postmortem,
  declareIncident,
} from '@vigil/backstage-plugin-incidents-common';
import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  DatabaseIncidentStore,
  incidentsMigrations,
} from '../database/DatabaseIncidentStore';
import type { StoredIncident } from '../database/IncidentStore';

/**
 * Fixtures for the store operations' tests: incidents and postmortems as the
 * service builds them, and a counter of the queries a piece of code sends.
 */
export const ALICE = 'user:default/alice';
export const T0 = Date.parse('2026-11-01T10:00:00Z');

export const at = (minutes: number) =>
  new Date(T0 + minutes * 60_000).toISOString();

export function storedIncident(
  id: string,
  options: {
    minutes?: number;
    entityRefs?: string[];
    ownerRefs?: string[];
    title?: string;
  } = {},
): StoredIncident {
  const { incident } = declareIncident(
    {
      title: options.title ?? `Incident ${id}`,
      severity: 'SEV2',
      entityRefs: options.entityRefs ?? ['component:default/scoring-api'],
    },
    id,
    ALICE,
    at(options.minutes ?? 0),
  );
  return {
    incident,
    ownerRefs: options.ownerRefs ?? ['group:default/scoring'],
  };
}

export function actionItem(
  id: string,
  overrides: Partial<ActionItem> = {},
): ActionItem {
  return {
    id,
    title: `Do ${id}`,
    owner: 'group:default/scoring',
    priority: 'P2',
    status: 'open',
    ...overrides,
  };
}

export function postmortem(
  id: string,
  incidentId: string,
  overrides: Partial<Postmortem> = {},
): Postmortem {
  return {
    id,
    incidentId,
    title: `Postmortem ${id}`,
    state: 'draft',
    authors: [ALICE],
    summary: 'summary',
    impact: 'impact',
    rootCauses: 'root causes',
    trigger: 'trigger',
    resolution: 'resolution',
    detection: 'detection',
    actionItems: [],
    lessonsLearned: {
      whatWentWell: 'well',
      whatWentWrong: 'wrong',
      whereWeGotLucky: 'lucky',
    },
    timeline: [],
    supportingInformation: '',
    createdAt: at(60),
    updatedAt: at(60),
    version: 1,
    ...overrides,
  };
}

/**
 * Two `incident_alerts` rows of an incident, the later-starting first: a
 * resolved alert with every column (JSON that needs escaping included) and
 * a firing one with none of the optional ones.
 */
export function alertRows(incidentId: string) {
  return [
    {
      incident_id: incidentId,
      fingerprint: 'late',
      alert_name: 'HighErrorRate',
      status: 'resolved',
      starts_at: '2026-11-01T10:05:00Z',
      ends_at: '2026-11-01T10:09:00Z',
      labels: JSON.stringify({ alertname: 'HighErrorRate', le: '0.5' }),
      annotations: JSON.stringify({ summary: 'errors "quoted"' }),
      generator_url: 'http://prometheus/graph?g0.expr=up',
    },
    {
      incident_id: incidentId,
      fingerprint: 'early',
      alert_name: null,
      status: 'firing',
      starts_at: '2026-11-01T10:00:00Z',
      ends_at: null,
      labels: '{}',
      annotations: null,
      generator_url: null,
    },
  ];
}

/**
 * Counts the queries `knex` sends while `run` runs (transaction control
 * statements included, as they are round trips too).
 */
export async function countQueries<T>(
  knex: Knex,
  run: () => Promise<T>,
): Promise<{ result: T; queries: number; sql: string[] }> {
  const sql: string[] = [];
  const listener = (query: { sql: string }) => {
    sql.push(query.sql);
  };
  knex.on('query', listener);
  try {
    const result = await run();
    return { result, queries: sql.length, sql };
  } finally {
    knex.removeListener('query', listener);
  }
}

/** A store on a fresh, migrated database. */
export async function migratedStore(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<{ knex: Knex; store: DatabaseIncidentStore }> {
  const knex = await databases.init(databaseId);
  await incidentsMigrations.migrate(knex);
  return { knex, store: new DatabaseIncidentStore(knex) };
}
