import {
  mockServices,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseAlertmanagerPayload } from '@vigil/backstage-plugin-incidents-common';
import { readIncidentsConfig } from '../config';
import type { TestAlert } from './alertmanager';
import {
  DatabaseIncidentStore,
  incidentsMigrations,
} from '../database/DatabaseIncidentStore';
import { createIncidentsServices } from '../service/createServices';
import { EntityDirectory } from '../service/EntityDirectory';
import type { OnCallPaging } from '../service/OnCallPaging';

export const ALICE = 'user:default/alice';
export const SCORING = 'component:default/scoring-api';
export const MINUTE = 60_000;

/** The scoring API's component (found by its alert-service annotation). */
export const scoringComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'scoring-api',
    namespace: 'default',
    annotations: { 'vigil.dev/alert-service': 'scoring-api' },
  },
  spec: { owner: 'group:default/payments' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
};

/** An API of the same name, owned by the same group. */
export const scoringApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'scoring-api', namespace: 'default' },
  spec: { owner: 'group:default/payments' },
};

/**
 * The domain services over a migrated test database, a mock catalog of
 * `entities`, a clock that moves only on `tick`, counting ids and
 * notification and signal mocks: the setup of the services' tests.
 */
export async function setupServices(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  entities: Entity[],
  configData: object = {},
  paging?: (store: DatabaseIncidentStore) => OnCallPaging,
) {
  const knex = await databases.init(databaseId);
  await incidentsMigrations.migrate(knex);
  const store = new DatabaseIncidentStore(knex);
  let clock = Date.parse('2026-11-01T10:00:00Z');
  let ids = 0;
  const notifications = { send: jest.fn().mockResolvedValue(undefined) };
  const signals = { publish: jest.fn().mockResolvedValue(undefined) };
  const services = createIncidentsServices({
    store,
    directory: new EntityDirectory({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    }),
    config: readIncidentsConfig(
      mockServices.rootConfig({ data: { vigil: { incidents: configData } } }),
    ),
    logger: mockServices.logger.mock(),
    notifications,
    signals,
    paging: paging?.(store),
    now: () => clock,
    newId: () => `id-${++ids}`,
    notificationRetryMs: 1,
  });
  return {
    knex,
    store,
    ...services,
    notifications,
    signals,
    tick: (ms: number) => {
      clock += ms;
    },
  };
}

/**
 * The services over the scoring API's catalog, plus `ingest` (a webhook body
 * through parsing and the intake) and `all` (every stored incident): the
 * setup of the Alertmanager intake tests.
 */
export async function setupIntake(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  configData: object = {},
) {
  const services = await setupServices(
    databases,
    databaseId,
    [scoringComponent],
    configData,
  );
  const ingest = (body: unknown) => {
    const parsed = parseAlertmanagerPayload(body);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    return services.alertmanager.ingestAlertmanager(parsed.payload);
  };
  const all = async () =>
    (
      await services.store.listIncidents({
        status: 'all',
        limit: 50,
        offset: 0,
      })
    ).items;
  return { ...services, ingest, all };
}

/** 09:MM on the test day, with Alertmanager's nanosecond precision. */
export const at = (minute: number) =>
  `2026-11-01T09:${String(minute).padStart(2, '0')}:00.123456789Z`;

export const firing = (fingerprint: string, minute: number): TestAlert => ({
  fingerprint,
  status: 'firing',
  startsAt: at(minute),
});
