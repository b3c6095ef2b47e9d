import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import { ConflictError, InputError } from '@backstage/errors';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseAlertmanagerPayload } from '@vigil/backstage-plugin-incidents-common';
import type { Knex } from 'knex';
import { readIncidentsConfig } from '../config';
import {
  DatabaseIncidentStore,
  incidentsMigrations,
} from '../database/DatabaseIncidentStore';
import {
  GROUP_KEY,
  TestAlert,
  webhookPayload,
} from '../__testUtils__/alertmanager';
import { EntityDirectory } from './EntityDirectory';
import { IncidentsService, VersionConflictError } from './IncidentsService';

// The test command sets VIGIL_REQUIRE_POSTGRES so CI never skips PostgreSQL.
const databases = testDatabases();

const ALICE = 'user:default/alice';
const SCORING = 'component:default/scoring-api';
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'scoring-api',
      namespace: 'default',
      annotations: { 'vigil.dev/alert-service': 'scoring-api' },
    },
    spec: { owner: 'group:default/payments' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'scoring-api', namespace: 'default' },
    spec: { owner: 'group:default/payments' },
  },
];

function catalog() {
  return catalogServiceMock({ entities });
}

async function setup(databaseId: TestDatabaseId, configData: object = {}) {
  const knex = await databases.init(databaseId);
  await incidentsMigrations.migrate(knex);
  const store = new DatabaseIncidentStore(knex);
  let clock = Date.parse('2026-11-01T10:00:00Z');
  let ids = 0;
  const notifications = { send: jest.fn().mockResolvedValue(undefined) };
  const signals = { publish: jest.fn().mockResolvedValue(undefined) };
  const service = new IncidentsService({
    store,
    directory: new EntityDirectory({
      catalog: catalog(),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    }),
    config: readIncidentsConfig(
      mockServices.rootConfig({ data: { vigil: { incidents: configData } } }),
    ),
    logger: mockServices.logger.mock(),
    notifications,
    signals,
    now: () => clock,
    newId: () => `id-${++ids}`,
    notificationRetryMs: 1,
  });
  return {
    knex,
    store,
    service,
    notifications,
    signals,
    tick: (ms: number) => {
      clock += ms;
    },
  };
}

const MINUTE = 60_000;

describe.each(databases.eachSupportedId())('incidents on %s', databaseId => {
  it('migrates up and down, and up again', async () => {
    const knex: Knex = await databases.init(databaseId);
    await incidentsMigrations.migrate(knex);
    for (const table of [
      'incidents',
      'incident_entities',
      'incident_owners',
      'incident_timeline',
      'incident_alerts',
      'incident_alert_groups',
      'incident_alert_correlations',
      'incident_pending_resolutions',
      'postmortems',
      'action_items',
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }
    const isPostgres = databaseId.startsWith('POSTGRES');
    const indexNames: string[] = isPostgres
      ? await knex('pg_indexes')
          .where({ tablename: 'incidents' })
          .pluck('indexname')
      : await knex('sqlite_master')
          .where({ type: 'index', tbl_name: 'incidents' })
          .pluck('name');
    // Title search (`q`) uses a trigram index on PostgreSQL; SQLite scans.
    expect(indexNames.includes('incidents_title_trgm_idx')).toBe(isPostgres);
    await incidentsMigrations.rollback(knex);
    expect(await knex.schema.hasTable('incidents')).toBe(false);
    expect(await knex.schema.hasTable('action_items')).toBe(false);
    expect(await knex.schema.hasTable('incident_alert_correlations')).toBe(
      false,
    );
    await incidentsMigrations.migrate(knex);
    expect(await knex.schema.hasTable('incidents')).toBe(true);
  });

  it('runs an incident through its lifecycle with timestamps, notifications and a timeline', async () => {
    const { service, store, notifications, signals, tick } = await setup(
      databaseId,
    );
    const declared = await service.declare(
      {
        title: 'Scores fail',
        severity: 'SEV2',
        entityRefs: [SCORING],
        detectedAt: '2026-11-01T09:57:00Z',
      },
      ALICE,
      mockCredentials.user(ALICE),
    );
    expect(declared.ownerRefs).toEqual(['group:default/payments']);
    // The declarer has seen it: acknowledged at once; detected when they say.
    expect(declared.incident).toMatchObject({
      status: 'investigating',
      version: 1,
      acknowledgedBy: ALICE,
      timestamps: {
        declaredAt: '2026-11-01T10:00:00.000Z',
        detectedAt: '2026-11-01T09:57:00.000Z',
        acknowledgedAt: '2026-11-01T10:00:00.000Z',
      },
    });
    await new Promise(setImmediate);
    expect(notifications.send).toHaveBeenCalledWith(
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: ['group:default/payments'] },
        payload: expect.objectContaining({
          link: `/incidents/${declared.incident.id}`,
          severity: 'high',
        }),
      }),
    );
    expect(signals.publish).toHaveBeenCalledWith(
      expect.objectContaining({ channel: 'vigil-incidents' }),
    );

    const id = declared.incident.id;
    const steps: Array<[number, object, string]> = [
      [2 * MINUTE, { roles: { commander: ALICE }, expectedVersion: 1 }, ''],
      [
        3 * MINUTE,
        { status: 'identified', severity: 'SEV1', expectedVersion: 2 },
        '',
      ],
      [5 * MINUTE, { status: 'monitoring', expectedVersion: 3 }, 'mitigatedAt'],
      [10 * MINUTE, { status: 'resolved', expectedVersion: 4 }, 'resolvedAt'],
    ];
    for (const [ms, changes] of steps) {
      tick(ms);
      await service.update(
        id,
        changes as any,
        ALICE,
        mockCredentials.user(ALICE),
      );
    }
    await service.note(id, 'Rolled back the deploy', ALICE);
    const stored = await service.getStored(id);
    expect(stored.incident).toMatchObject({
      status: 'resolved',
      severity: 'SEV1',
      version: 5,
      roles: { commander: ALICE },
      timestamps: {
        declaredAt: '2026-11-01T10:00:00.000Z',
        acknowledgedAt: '2026-11-01T10:00:00.000Z',
        mitigatedAt: '2026-11-01T10:10:00.000Z',
        resolvedAt: '2026-11-01T10:20:00.000Z',
      },
    });
    const timeline = await store.getTimeline(id);
    expect(timeline.map(e => e.type)).toEqual([
      'role_assigned',
      'status_changed',
      'severity_changed',
      'status_changed',
      'status_changed',
      'note',
    ]);

    // Closing waits for a published postmortem.
    await expect(
      service.update(
        id,
        { status: 'closed', expectedVersion: 5 },
        ALICE,
        mockCredentials.user(ALICE),
      ),
    ).rejects.toThrow(InputError);
    const { postmortem } = await service.createPostmortem(id, ALICE);
    expect(postmortem.timeline.map(e => e.text)).toContain(
      'Status monitoring → resolved (user:default/alice)',
    );
    const saved = await service.savePostmortem(postmortem.id, {
      expectedVersion: 1,
      rootCauses: 'A cache stampede after the deploy',
      actionItems: [
        {
          title: 'Add jitter to cache TTLs',
          owner: 'group:default/payments',
          priority: 'P1',
          status: 'open',
          dueDate: '2026-11-10',
        },
      ],
    });
    expect(saved.version).toBe(2);
    expect(saved.actionItems[0].id).toBe('id-3');
    await service.changePostmortemState(postmortem.id, 'published', 2, ALICE);
    const closed = await service.update(
      id,
      { status: 'closed', expectedVersion: 5 },
      ALICE,
      mockCredentials.user(ALICE),
    );
    expect(closed.incident.timestamps.closedAt).toBeDefined();
    expect(closed.incident.postmortemState).toBe('published');
    await expect(service.note(id, 'late', ALICE)).rejects.toThrow(
      ConflictError,
    );

    const metrics = await service.metrics({
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-30T00:00:00Z',
    });
    expect(metrics.metrics).toMatchObject({
      count: 1,
      // Detected 3 minutes before it was declared (and so acknowledged).
      mttaMs: 3 * MINUTE,
      mttmMs: 10 * MINUTE,
      mttrMs: 20 * MINUTE,
      publishedPostmortemShare: 1,
      overdueActionItems: 1,
    });
    const items = await store.listActionItems(
      {
        owner: ['group:default/payments'],
        status: 'open',
        limit: 10,
        offset: 0,
      },
      '2026-11-20',
    );
    expect(items.items).toEqual([
      expect.objectContaining({
        title: 'Add jitter to cache TTLs',
        overdue: true,
      }),
    ]);
  });

  it('lists, counts and finds action items only on visible entities', async () => {
    const { service, store, tick } = await setup(databaseId);
    const API = 'api:default/scoring-api';
    const credentials = mockCredentials.user(ALICE);
    const onComponent = await service.declare(
      { title: 'Component down', severity: 'SEV2', entityRefs: [SCORING] },
      ALICE,
      credentials,
    );
    tick(MINUTE);
    const onApi = await service.declare(
      { title: 'API down', severity: 'SEV3', entityRefs: [API] },
      ALICE,
      credentials,
    );
    tick(MINUTE);
    const onBoth = await service.declare(
      { title: 'Both down', severity: 'SEV1', entityRefs: [SCORING, API] },
      ALICE,
      credentials,
    );
    await service.update(
      onApi.incident.id,
      { status: 'resolved', expectedVersion: 1 },
      ALICE,
      credentials,
    );
    const { postmortem } = await service.createPostmortem(
      onApi.incident.id,
      ALICE,
    );
    await service.savePostmortem(postmortem.id, {
      expectedVersion: 1,
      actionItems: [
        {
          title: 'Pin the API schema',
          owner: ALICE,
          priority: 'P2',
          status: 'open',
        },
      ],
    });
    expect(await store.incidentEntityRefs()).toEqual([API, SCORING]);

    const titles = async (visible?: string[]) =>
      (
        await store.listIncidents(
          { status: 'all', limit: 10, offset: 0 },
          visible,
        )
      ).items.map(i => i.title);
    expect(await titles()).toEqual(['Both down', 'API down', 'Component down']);
    expect(await titles([SCORING])).toEqual(['Both down', 'Component down']);
    expect(await titles([API])).toEqual(['Both down', 'API down']);
    expect(await titles([])).toEqual([]);
    const page = await store.listIncidents(
      { status: 'all', severity: 'SEV1', limit: 10, offset: 0 },
      [SCORING],
    );
    expect(page).toMatchObject({
      totalCount: 1,
      items: [{ title: 'Both down' }],
    });
    expect(onBoth.incident.entityRefs).toEqual([SCORING, API]);

    const postmortems = (visible?: string[]) =>
      store.listPostmortems({ limit: 10, offset: 0 }, visible);
    expect((await postmortems([API])).totalCount).toBe(1);
    expect(await postmortems([SCORING])).toEqual({ items: [], totalCount: 0 });

    const items = (visible?: string[]) =>
      store.listActionItems(
        { owner: [ALICE], status: 'open', limit: 10, offset: 0 },
        '2026-11-20',
        visible,
      );
    expect((await items([API])).items.map(i => i.title)).toEqual([
      'Pin the API schema',
    ]);
    expect((await items([SCORING])).totalCount).toBe(0);

    const period = { from: '2026-11-01T00:00:00Z', to: '2026-11-30T00:00:00Z' };
    expect((await service.metrics(period)).metrics.count).toBe(3);
    expect((await service.metrics(period, [SCORING])).metrics.count).toBe(2);
    expect((await service.metrics(period, [])).metrics.count).toBe(0);
    expect(onComponent.incident.id).toBeDefined();
  });

  it('sends an alert storm’s notifications a few at a time and retries failures', async () => {
    const { service, notifications } = await setup(databaseId);
    let inFlight = 0;
    let maxInFlight = 0;
    let calls = 0;
    const delivered = new Set<string>();
    notifications.send.mockImplementation(async ({ payload }) => {
      calls += 1;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise(resolve => setTimeout(resolve, 5));
      inFlight -= 1;
      // Every third call fails, as a busy notifications backend might.
      if (calls % 3 === 0) throw new Error('Request failed with status 401');
      delivered.add(payload.link);
    });
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        service.declare(
          { title: `Storm ${i}`, severity: 'SEV2', entityRefs: [SCORING] },
          ALICE,
          mockCredentials.user(ALICE),
        ),
      ),
    );
    for (let waited = 0; delivered.size < 8 && waited < 5000; waited += 20) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    expect(delivered.size).toBe(8);
    expect(calls).toBeGreaterThan(8);
    expect(maxInFlight).toBeLessThanOrEqual(2);
  });

  it('lets one of two concurrent writers win and gives the other a conflict with the current state', async () => {
    const { service } = await setup(databaseId);
    const { incident } = await service.declare(
      { title: 'Two writers', severity: 'SEV3', entityRefs: [SCORING] },
      ALICE,
      mockCredentials.user(ALICE),
    );
    const results = await Promise.allSettled([
      service.update(
        incident.id,
        { severity: 'SEV1', expectedVersion: 1 },
        ALICE,
        mockCredentials.user(ALICE),
      ),
      service.update(
        incident.id,
        { status: 'identified', expectedVersion: 1 },
        'user:default/bob',
        mockCredentials.user('user:default/bob'),
      ),
    ]);
    const fulfilled = results.filter(r => r.status === 'fulfilled');
    const rejected = results.filter(
      (r): r is PromiseRejectedResult => r.status === 'rejected',
    );
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(VersionConflictError);
    expect(rejected[0].reason.current.incident.version).toBe(2);
    expect((await service.getStored(incident.id)).incident.version).toBe(2);
  });

  it('lets one of two concurrent postmortem saves win', async () => {
    const { service } = await setup(databaseId);
    const { incident } = await service.declare(
      { title: 'Edit race', severity: 'SEV3', entityRefs: [SCORING] },
      ALICE,
      mockCredentials.user(ALICE),
    );
    await service.update(
      incident.id,
      { status: 'resolved', expectedVersion: 1 },
      ALICE,
      mockCredentials.user(ALICE),
    );
    const { postmortem } = await service.createPostmortem(incident.id, ALICE);
    const results = await Promise.allSettled([
      service.savePostmortem(postmortem.id, {
        expectedVersion: 1,
        impact: 'A',
      }),
      service.savePostmortem(postmortem.id, {
        expectedVersion: 1,
        impact: 'B',
      }),
    ]);
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter(r => r.status === 'rejected')).toHaveLength(1);
    expect((await service.getPostmortem(postmortem.id)).version).toBe(2);
    // Creating again returns the existing one.
    const again = await service.createPostmortem(incident.id, ALICE);
    expect(again.created).toBe(false);
    expect(again.postmortem.id).toBe(postmortem.id);
  });

  describe('Alertmanager intake', () => {
    const at = (minute: number) =>
      `2026-11-01T09:${String(minute).padStart(2, '0')}:00.123456789Z`;
    const ingest = (
      service: IncidentsService,
      alerts: TestAlert[],
      options = {},
    ) => {
      const parsed = parseAlertmanagerPayload(webhookPayload(alerts, options));
      if (!parsed.ok) throw new Error(parsed.errors.join('; '));
      return service.ingestAlertmanager(parsed.payload);
    };
    const a = (minute: number): TestAlert => ({
      fingerprint: 'a1',
      status: 'firing',
      startsAt: at(minute),
    });
    const b = (minute: number): TestAlert => ({
      fingerprint: 'b2',
      status: 'firing',
      startsAt: at(minute),
    });
    const resolved = (alert: TestAlert, minute: number): TestAlert => ({
      ...alert,
      status: 'resolved',
      endsAt: at(minute),
    });

    it('opens one incident per group, appends, ignores repeats and old news, tracks alerts', async () => {
      const { service, store } = await setup(databaseId);
      const opened = await ingest(service, [a(0)]);
      expect(opened.action).toBe('opened');
      const id = opened.incidentId!;
      const incident = (await service.getStored(id)).incident;
      expect(incident).toMatchObject({
        title: 'Scoring API is burning its availability error budget',
        severity: 'SEV2',
        entityRefs: [SCORING],
        alertGroupKey: GROUP_KEY,
        timestamps: { detectedAt: '2026-11-01T09:00:00.123Z' },
      });

      // Repeat (group_interval re-send): nothing changes.
      expect((await ingest(service, [a(0)])).action).toBe('unchanged');
      // A second alert joins the group.
      expect((await ingest(service, [a(0), b(3)])).action).toBe('updated');
      // Out of order: the older one-alert notification arrives late.
      expect((await ingest(service, [a(0)])).action).toBe('unchanged');
      // One resolves; Alertmanager keeps sending the group until all do.
      expect((await ingest(service, [resolved(a(0), 5), b(3)])).action).toBe(
        'updated',
      );
      expect(
        (await ingest(service, [resolved(a(0), 5), resolved(b(3), 6)])).action,
      ).toBe('updated');
      // Exact duplicate of the last (an HA pair sends twice).
      expect(
        (await ingest(service, [resolved(a(0), 5), resolved(b(3), 6)])).action,
      ).toBe('unchanged');

      const timeline = await store.getTimeline(id);
      expect(
        timeline.map(
          e => `${e.type}:${'fingerprint' in e ? e.fingerprint : ''}`,
        ),
      ).toEqual([
        'alert_attached:a1',
        'alert_attached:b2',
        'alert_resolved:a1',
        'alert_resolved:b2',
      ]);
      const alerts = await store.getAlerts(id);
      expect(alerts.map(x => [x.fingerprint, x.status])).toEqual([
        ['a1', 'resolved'],
        ['b2', 'resolved'],
      ]);
      // Not resolved on its own unless configured.
      expect((await service.getStored(id)).incident.status).toBe(
        'investigating',
      );
      const list = await store.listIncidents({
        status: 'all',
        limit: 10,
        offset: 0,
      });
      expect(list.totalCount).toBe(1);
    });

    it('takes the same notification delivered concurrently once', async () => {
      const { service, store } = await setup(databaseId);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => ingest(service, [a(0), b(0)])),
      );
      expect(results.filter(r => r.action === 'opened')).toHaveLength(1);
      const list = await store.listIncidents({
        status: 'all',
        limit: 10,
        offset: 0,
      });
      expect(list.totalCount).toBe(1);
      expect(await store.getTimeline(list.items[0].id)).toHaveLength(2);
    });

    it('resolves when configured, reopens on refire, and opens anew after close', async () => {
      const { service } = await setup(databaseId, {
        allowCloseWithoutPublishedPostmortem: true,
        alertmanager: { resolveIncidentWhenAllResolved: true },
      });
      const { incidentId } = await ingest(service, [a(0)]);
      await ingest(service, [resolved(a(0), 4)]);
      const resolvedIncident = (await service.getStored(incidentId!)).incident;
      expect(resolvedIncident.status).toBe('resolved');
      expect(resolvedIncident.timestamps.resolvedAt).toBeDefined();
      await ingest(service, [a(10)]);
      expect((await service.getStored(incidentId!)).incident.status).toBe(
        'investigating',
      );
      await ingest(service, [resolved(a(10), 12)]);
      const v = (await service.getStored(incidentId!)).incident.version;
      await service.update(
        incidentId!,
        { status: 'closed', expectedVersion: v },
        ALICE,
        mockCredentials.user(ALICE),
      );
      const next = await ingest(service, [a(20)]);
      expect(next.action).toBe('opened');
      expect(next.incidentId).not.toBe(incidentId);
    });

    it('counts truncated alerts and opens nothing for an unknown service without a fallback', async () => {
      const { service } = await setup(databaseId);
      const truncated = await ingest(service, [a(0)], { truncatedAlerts: 3 });
      expect(truncated.warnings[0]).toMatch(/3 alert\(s\) were truncated/);
      const unknown = await ingest(
        service,
        [{ ...a(0), fingerprint: 'u1', labels: { sloth_service: 'nope' } }],
        {
          groupKey: 'other',
          commonLabels: { alertname: 'X', sloth_service: 'nope' },
        },
      );
      expect(unknown.action).toBe('ignored');
    });
  });
});
