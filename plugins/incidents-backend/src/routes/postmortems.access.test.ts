import { testBackends } from '../__testUtils__/backend';
import { SCORING } from '../__testUtils__/services';

const { databases, withPostmortem } = testBackends();

/*
 * Who edits a postmortem, who sees a draft in the lists, who names a
 * commander (README: Security > Roles). Dmitri (payments, which owns the
 * scoring API) declares and starts the postmortem, so he authors it; Carol
 * is in payments too; Alice is SRE; Erin is a product owner (a plain user
 * here); the guest reads only.
 */
describe.each(databases.eachSupportedId())(
  'postmortem access on %s',
  databaseId => {
    it('lets only authors, the commander and SRE edit a postmortem and its authors', async () => {
      const { dmitri, carol, alice, erin, guest, declare } =
        await withPostmortem(databaseId);
      const { incidentId, postmortem } = await declare('Cache stampede');
      const url = `/postmortems/${postmortem.id}`;
      // Each save names the current version, read as SRE (who reads drafts).
      const save = async (who: typeof dmitri, body: object = {}) => {
        const current = await alice.get(url);
        return who.put(url).send({
          expectedVersion: current.body.postmortem.version,
          impact: 'x',
          ...body,
        });
      };

      // An owner who is not an author, a plain user and the guest: no.
      for (const who of [carol, erin, guest]) {
        const res = await save(who);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toMatch(/only its authors/);
      }
      // Nor may they add themselves as authors.
      expect(
        (await save(carol, { authors: ['user:default/carol'] })).status,
      ).toBe(403);
      // The author edits, and adds Carol; SRE edits too.
      expect(
        (
          await save(dmitri, {
            authors: ['user:default/dmitri', 'user:default/carol'],
          })
        ).status,
      ).toBe(200);
      expect((await save(carol)).status).toBe(200);
      expect((await save(alice)).status).toBe(200);
      // The commander edits.
      const incident = await dmitri.get(`/incidents/${incidentId}`);
      expect(
        (
          await dmitri.patch(`/incidents/${incidentId}`).send({
            roles: { commander: 'user:default/erin' },
            expectedVersion: incident.body.incident.version,
          })
        ).status,
      ).toBe(200);
      const page = await erin.get(url);
      expect(page.body.permissions).toEqual({ update: true });
      expect((await save(erin)).status).toBe(200);
      // What the page offers follows the same rule.
      expect((await guest.get(url)).status).toBe(403);
    });

    it('never lists a draft or its action items to those who may not read it', async () => {
      const { dmitri, carol, alice, erin, guest, declare } =
        await withPostmortem(databaseId);
      const { postmortem } = await declare('Secret outage');
      const saved = await dmitri.put(`/postmortems/${postmortem.id}`).send({
        expectedVersion: 1,
        actionItems: [
          {
            title: 'Rotate the leaked key',
            owner: 'user:default/erin',
            priority: 'P1',
            status: 'open',
          },
        ],
      });
      expect(saved.status).toBe(200);
      const items = '/action-items?owner=user:default/erin';
      const titles = async (who: typeof dmitri, url: string) => {
        const res = await who.get(url);
        expect(res.status).toBe(200);
        expect(res.body.totalCount).toBe(res.body.items.length);
        return res.body.items.map((i: { title: string }) => i.title);
      };
      // Readers of the draft: its author, a member of the owners, SRE.
      for (const who of [dmitri, carol, alice]) {
        expect(await titles(who, '/postmortems')).toEqual(['Secret outage']);
        expect(await titles(who, items)).toEqual(['Rotate the leaked key']);
      }
      // Everyone else, even the item's owner: nothing until it is published.
      for (const who of [erin, guest]) {
        expect(await titles(who, '/postmortems')).toEqual([]);
        expect(await titles(who, items)).toEqual([]);
        expect(await titles(who, '/postmortems?state=draft')).toEqual([]);
      }
      const published = await dmitri
        .post(`/postmortems/${postmortem.id}/state`)
        .send({ state: 'published', expectedVersion: 2 });
      expect(published.status).toBe(200);
      expect(await titles(erin, items)).toEqual(['Rotate the leaked key']);
      expect(await titles(guest, '/postmortems')).toEqual(['Secret outage']);
    });

    it('lets only owners and SRE name a commander when declaring', async () => {
      const { dmitri, alice, erin, guest } = await withPostmortem(databaseId);
      const declare = (who: typeof dmitri, commander?: string) =>
        who.post('/incidents').send({
          title: 'Checkout slow',
          severity: 'SEV2',
          entityRefs: [SCORING],
          ...(commander && { commander }),
        });
      const refused = await declare(erin, 'user:default/erin');
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/name a commander/);
      expect((await declare(erin, 'user:default/dmitri')).status).toBe(403);
      const plain = await declare(erin);
      expect(plain.status).toBe(201);
      expect(plain.body.incident.roles.commander).toBeUndefined();
      expect((await declare(dmitri, 'user:default/dmitri')).status).toBe(201);
      expect((await declare(alice, 'user:default/bob')).status).toBe(201);
      expect((await declare(guest)).status).toBe(403);
      // Nothing was stored for the refusals.
      expect((await erin.get('/incidents')).body.totalCount).toBe(3 + 0);
    });
  },
);
