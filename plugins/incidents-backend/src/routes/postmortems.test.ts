import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  expectConforms,
  newActionItem,
  noLeaks,
  testBackends,
} from '../__testUtils__/backend';
import { SCORING } from '../__testUtils__/services';

const { databases, startBackend, withPostmortem } = testBackends();

describe('the incidents API: postmortems and their action items', () => {
  it('runs the postmortem: template, drafts for editors, publish for all, Markdown, action items', async () => {
    const { dmitri, erin, pat, server } = await startBackend();
    const { body } = await dmitri.post('/incidents').send({
      title: 'Cache stampede',
      severity: 'SEV3',
      entityRefs: [SCORING],
      commander: 'user:default/dmitri',
    });
    const id = body.incident.id;
    const early = await dmitri.post(`/incidents/${id}/postmortem`);
    expect(early.status).toBe(400);
    await dmitri
      .patch(`/incidents/${id}`)
      .send({ status: 'resolved', expectedVersion: 1 });
    const created = await dmitri.post(`/incidents/${id}/postmortem`);
    expect(created.status).toBe(201);
    const pm = created.body.postmortem;
    expect(pm).toMatchObject({
      state: 'draft',
      version: 1,
      authors: ['user:default/dmitri'],
    });
    expect(pm.rootCauses).toMatch(/Ask "why"/);
    expect((await dmitri.post(`/incidents/${id}/postmortem`)).status).toBe(409);

    // A draft is for its editors.
    expect((await erin.get(`/postmortems/${pm.id}`)).status).toBe(403);
    const saved = await dmitri.put(`/postmortems/${pm.id}`).send({
      expectedVersion: 1,
      impact: '2 % of scoring requests failed for 20 minutes',
      actionItems: [
        {
          title: 'Jitter cache TTLs',
          owner: 'user:default/erin',
          priority: 'P1',
          status: 'open',
          dueDate: '2020-01-01',
        },
      ],
    });
    expect(saved.status).toBe(200);
    expectConforms('put', `/postmortems/${pm.id}`, saved);
    const stale = await dmitri
      .put(`/postmortems/${pm.id}`)
      .send({ expectedVersion: 1, impact: 'x' });
    expect(stale.status).toBe(409);
    expectConforms('put', `/postmortems/${pm.id}`, stale);
    expect(stale.body.current.postmortem.version).toBe(2);
    expect(
      (
        await dmitri
          .put(`/postmortems/${pm.id}`)
          .send({ expectedVersion: 2, bogus: 1 })
      ).status,
    ).toBe(400);

    // A draft's action items stay with the draft's readers.
    const mine =
      '/action-items?owner=user:default/erin,group:default/product-owners';
    expect((await erin.get(mine)).body).toEqual({ items: [], totalCount: 0 });
    const published = await dmitri
      .post(`/postmortems/${pm.id}/state`)
      .send({ state: 'published', expectedVersion: 2 });
    expect(published.status).toBe(200);
    expectConforms('post', `/postmortems/${pm.id}/state`, published);
    expect(published.body.postmortem.publishedAt).toBeDefined();
    expect(published.body.permissions).toEqual({ update: false });

    // Published, the action item shows on its owner's page, overdue, and its owner may update it.
    const items = await erin.get(mine);
    expect(items.body.items).toEqual([
      expect.objectContaining({
        title: 'Jitter cache TTLs',
        overdue: true,
        incidentId: id,
      }),
    ]);
    expectConforms('get', '/action-items', items);
    const itemId = items.body.items[0].id;
    const done = await erin
      .patch(`/action-items/${itemId}`)
      .send({ status: 'in_progress' });
    expect(done.status).toBe(200);
    expectConforms('patch', `/action-items/${itemId}`, done);
    expect(
      (await pat.patch(`/action-items/${itemId}`).send({ status: 'done' }))
        .status,
    ).toBe(403);

    expect(
      (
        await dmitri
          .put(`/postmortems/${pm.id}`)
          .send({ expectedVersion: 4, impact: 'y' })
      ).status,
    ).toBe(400);

    const read = await erin.get(`/postmortems/${pm.id}`);
    expect(read.status).toBe(200);
    expectConforms('get', `/postmortems/${pm.id}`, read);
    const markdown = await erin.get(`/postmortems/${pm.id}/markdown`);
    expect(markdown.headers['content-type']).toMatch(/text\/markdown/);
    expect(markdown.text).toMatch(/^# Postmortem: Cache stampede/);
    expect(markdown.text).toMatch(
      /\| Jitter cache TTLs \| user:default\/erin \| P1 \| in_progress \| 2020-01-01 \|/,
    );

    const docs = await request(server)
      .get('/api/incidents/search/postmortems')
      .set('authorization', mockCredentials.service.header());
    expect(docs.body.items).toEqual([
      expect.objectContaining({
        title: 'Postmortem: Cache stampede',
        location: `/incidents/${id}/postmortem`,
        type: 'postmortem',
      }),
    ]);
    expect(docs.body.items[0].text).not.toMatch(/<!--/);
    const closed = await dmitri
      .patch(`/incidents/${id}`)
      .send({ status: 'closed', expectedVersion: 2 });
    expect(closed.status).toBe(200);
  });
});

describe.each(databases.eachSupportedId())('bad input on %s', databaseId => {
  it('refuses duplicate, over-long and foreign action item ids with 400', async () => {
    const { dmitri, declare } = await withPostmortem(databaseId);
    const { postmortem } = await declare('Cache stampede');
    const save = (actionItems: object[], expectedVersion = 1) =>
      dmitri
        .put(`/postmortems/${postmortem.id}`)
        .send({ expectedVersion, actionItems });

    const duplicate = await save([
      { ...newActionItem, id: 'ai-1' },
      { ...newActionItem, id: 'ai-1', title: 'Again' },
    ]);
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.message).toMatch(
      /actionItems\[1\]\.id: duplicate action item id ai-1/,
    );
    noLeaks(duplicate.body);

    const long = await save([{ ...newActionItem, id: 'x'.repeat(100) }]);
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(
      /actionItems\[0\]\.id: must be text of 1 to 64 characters/,
    );

    // An id of another postmortem's item would take over its row.
    const saved = await save([newActionItem]);
    expect(saved.status).toBe(200);
    const otherId = saved.body.postmortem.actionItems[0].id;
    const { postmortem: second } = await declare('Second stampede');
    const foreign = await dmitri.put(`/postmortems/${second.id}`).send({
      expectedVersion: 1,
      actionItems: [{ ...newActionItem, id: otherId }],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toMatch(
      /is not an action item of this postmortem/,
    );
    noLeaks(foreign.body);
  });
});
