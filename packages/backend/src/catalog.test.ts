import path from 'node:path';
import request from 'supertest';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';

const catalogFile = path.resolve(__dirname, '../../../catalog-info.yaml');

// The test command sets VIGIL_REQUIRE_POSTGRES so CI never skips PostgreSQL
// silently; plain `yarn test` without a database runs SQLite only.
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

async function waitFor<T>(read: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error('timed out waiting for the catalog');
    await new Promise(r => setTimeout(r, 250));
  }
}

describe('the Vigil catalog', () => {
  it('runs against PostgreSQL when the test command asks for it', () => {
    const required = process.env.VIGIL_REQUIRE_POSTGRES
      ? 'POSTGRES_15'
      : 'SQLITE_3';
    expect(databases.supports(required)).toBe(true);
  });

  it.each(databases.eachSupportedId())(
    'ingests catalog-info.yaml with owners and relations on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          catalogPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                rules: [
                  {
                    allow: [
                      'Component',
                      'System',
                      'API',
                      'Resource',
                      'Location',
                      'Group',
                      'User',
                    ],
                  },
                ],
                locations: [{ type: 'file', target: catalogFile }],
              },
            },
          }),
        ],
      });
      const auth = mockCredentials.user.header();
      const get = (url: string) =>
        request(server).get(url).set('authorization', auth);

      const service = await waitFor(async () => {
        const res = await get(
          '/api/catalog/entities/by-name/component/default/scoring-api',
        );
        // Stitching adds relations after the entity first appears.
        return res.status === 200 && res.body.relations?.length
          ? res.body
          : undefined;
      });
      expect(service.spec).toMatchObject({
        type: 'service',
        lifecycle: 'production',
        owner: 'group:payments',
        system: 'risk-scoring',
      });
      expect(service.metadata.annotations['backstage.io/techdocs-ref']).toBe(
        'dir:./runbooks',
      );
      const relations = service.relations.map(
        (r: { type: string; targetRef: string }) => `${r.type} ${r.targetRef}`,
      );
      expect(relations).toEqual(
        expect.arrayContaining([
          'ownedBy group:default/payments',
          'partOf system:default/risk-scoring',
          'providesApi api:default/scoring-api',
          'dependsOn resource:default/scoring-feature-store',
        ]),
      );

      const api = await waitFor(async () => {
        const res = await get(
          '/api/catalog/entities/by-name/api/default/scoring-api',
        );
        return res.status === 200 ? res.body : undefined;
      });
      expect(api.spec.definition).toContain('/v1/score');

      // Every user has an email (paging and sign-off reach real people) and
      // a team, except the guest: read-only, in no group.
      const users = await waitFor(async () => {
        const res = await get('/api/catalog/entities?filter=kind=user');
        return res.status === 200 && res.body.length >= 7
          ? res.body
          : undefined;
      });
      for (const user of users) {
        expect(user.spec.profile.email).toMatch(/@/);
        expect(user.spec.memberOf.length).toBe(
          user.metadata.name === 'guest' ? 0 : 1,
        );
      }
      const groups = await get('/api/catalog/entities?filter=kind=group');
      expect(groups.body.map((g: any) => g.metadata.name).sort()).toEqual([
        'payments',
        'portal-admins',
        'product-owners',
        'sre',
        'vigil-demo',
      ]);

      // No entity failed validation or processing.
      const broken = await get(
        '/api/catalog/entities?filter=metadata.annotations.backstage.io/orphan=true',
      );
      expect(broken.body).toEqual([]);
    },
    120_000,
  );
});
