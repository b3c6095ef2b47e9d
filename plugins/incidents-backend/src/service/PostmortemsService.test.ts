import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  ALICE,
  MINUTE,
  SCORING,
  scoringApi,
  scoringComponent,
  setupServices,
} from '../__testUtils__/services';

// The test command sets VIGIL_REQUIRE_POSTGRES so CI never skips PostgreSQL.
const databases = testDatabases();

const setup = (databaseId: TestDatabaseId, configData: object = {}) =>
  setupServices(
    databases,
    databaseId,
    [scoringComponent, scoringApi],
    configData,
  );

describe.each(databases.eachSupportedId())('postmortems on %s', databaseId => {
  it('lists, counts and finds action items only on visible entities', async () => {
    const {
      incidents,
      postmortems: service,
      store,
      tick,
    } = await setup(databaseId);
    const API = 'api:default/scoring-api';
    const credentials = mockCredentials.user(ALICE);
    const onComponent = await incidents.declare(
      { title: 'Component down', severity: 'SEV2', entityRefs: [SCORING] },
      ALICE,
      credentials,
    );
    tick(MINUTE);
    const onApi = await incidents.declare(
      { title: 'API down', severity: 'SEV3', entityRefs: [API] },
      ALICE,
      credentials,
    );
    tick(MINUTE);
    const onBoth = await incidents.declare(
      { title: 'Both down', severity: 'SEV1', entityRefs: [SCORING, API] },
      ALICE,
      credentials,
    );
    await incidents.update(
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
    expect((await incidents.metrics(period)).metrics.count).toBe(3);
    expect((await incidents.metrics(period, [SCORING])).metrics.count).toBe(2);
    expect((await incidents.metrics(period, [])).metrics.count).toBe(0);
    expect(onComponent.incident.id).toBeDefined();
  });

  it('lets one of two concurrent postmortem saves win', async () => {
    const { incidents, postmortems } = await setup(databaseId);
    const { incident } = await incidents.declare(
      { title: 'Edit race', severity: 'SEV3', entityRefs: [SCORING] },
      ALICE,
      mockCredentials.user(ALICE),
    );
    await incidents.update(
      incident.id,
      { status: 'resolved', expectedVersion: 1 },
      ALICE,
      mockCredentials.user(ALICE),
    );
    const { postmortem } = await postmortems.createPostmortem(
      incident.id,
      ALICE,
    );
    const results = await Promise.allSettled([
      postmortems.savePostmortem(postmortem.id, {
        expectedVersion: 1,
        impact: 'A',
      }),
      postmortems.savePostmortem(postmortem.id, {
        expectedVersion: 1,
        impact: 'B',
      }),
    ]);
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter(r => r.status === 'rejected')).toHaveLength(1);
    expect((await postmortems.getPostmortem(postmortem.id)).version).toBe(2);
    // Creating again returns the existing one.
    const again = await postmortems.createPostmortem(incident.id, ALICE);
    expect(again.created).toBe(false);
    expect(again.postmortem.id).toBe(postmortem.id);
  });
});
