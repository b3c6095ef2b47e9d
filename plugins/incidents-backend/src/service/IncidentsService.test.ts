import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import { ConflictError, InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import { incidentsMigrations } from '../database/DatabaseIncidentStore';
import {
  ALICE,
  MINUTE,
  SCORING,
  scoringApi,
  scoringComponent,
  setupServices,
} from '../__testUtils__/services';
import { VersionConflictError } from './IncidentsService';

// The test command sets VIGIL_REQUIRE_POSTGRES so CI never skips PostgreSQL.
const databases = testDatabases();

const setup = (databaseId: TestDatabaseId, configData: object = {}) =>
  setupServices(
    databases,
    databaseId,
    [scoringComponent, scoringApi],
    configData,
  );

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
    const { incidents, postmortems, store, notifications, signals, tick } =
      await setup(databaseId);
    const declared = await incidents.declare(
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
      await incidents.update(
        id,
        changes as any,
        ALICE,
        mockCredentials.user(ALICE),
      );
    }
    await incidents.note(id, 'Rolled back the deploy', ALICE);
    const stored = await incidents.getStored(id);
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
      incidents.update(
        id,
        { status: 'closed', expectedVersion: 5 },
        ALICE,
        mockCredentials.user(ALICE),
      ),
    ).rejects.toThrow(InputError);
    const { postmortem } = await postmortems.createPostmortem(id, ALICE);
    expect(postmortem.timeline.map(e => e.text)).toContain(
      'Status monitoring → resolved (user:default/alice)',
    );
    const saved = await postmortems.savePostmortem(postmortem.id, {
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
    await postmortems.changePostmortemState(
      postmortem.id,
      'published',
      2,
      ALICE,
    );
    const closed = await incidents.update(
      id,
      { status: 'closed', expectedVersion: 5 },
      ALICE,
      mockCredentials.user(ALICE),
    );
    expect(closed.incident.timestamps.closedAt).toBeDefined();
    expect(closed.incident.postmortemState).toBe('published');
    await expect(incidents.note(id, 'late', ALICE)).rejects.toThrow(
      ConflictError,
    );

    const metrics = await incidents.metrics({
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

  it('lets one of two concurrent writers win and gives the other a conflict with the current state', async () => {
    const { incidents } = await setup(databaseId);
    const { incident } = await incidents.declare(
      { title: 'Two writers', severity: 'SEV3', entityRefs: [SCORING] },
      ALICE,
      mockCredentials.user(ALICE),
    );
    const results = await Promise.allSettled([
      incidents.update(
        incident.id,
        { severity: 'SEV1', expectedVersion: 1 },
        ALICE,
        mockCredentials.user(ALICE),
      ),
      incidents.update(
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
    expect((await incidents.getStored(incident.id)).incident.version).toBe(2);
  });
});
