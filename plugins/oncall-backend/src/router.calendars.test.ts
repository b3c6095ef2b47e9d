import request from 'supertest';
import { expectConforms, testBackends } from './__testUtils__/backend';
import { ALICE, BOB, CAROL, GUEST } from './__testUtils__/catalog';
import { paymentsSchedule, sreSchedule } from './__testUtils__/requests';

const { startBackend } = testBackends();

/** The VEVENTs of an iCal text, with their DTSTART and SUMMARY. */
function events(text: string) {
  return text
    .split('BEGIN:VEVENT')
    .slice(1)
    .map(block => ({
      start: /DTSTART[^:]*:(\S+)/.exec(block)?.[1],
      end: /DTEND[^:]*:(\S+)/.exec(block)?.[1],
      summary: /SUMMARY:(.*)/.exec(block)?.[1]?.trim(),
    }));
}

describe('calendar feeds', () => {
  it('serves a schedule feed to whoever holds the token, until it is revoked', async () => {
    const backend = await startBackend();
    const alice = backend.as(ALICE);
    const { body: schedule } = await alice
      .post('/schedules')
      .send(sreSchedule());
    const created = await alice
      .post('/calendar-tokens')
      .send({ kind: 'schedule', scheduleId: schedule.id });
    expect(created.status).toBe(201);
    expectConforms('POST /calendar-tokens', created);
    expect(created.body).toMatchObject({
      kind: 'schedule',
      subject: schedule.id,
    });
    const url = new URL(created.body.url);
    expect(url.pathname).toMatch(
      /^\/api\/oncall\/calendars\/[A-Za-z0-9_-]{43}\.ics$/,
    );
    // Only the hash is stored.
    const token = url.pathname.split('/').pop()!.replace('.ics', '');
    const rows = await backend.knex('oncall_calendar_tokens').select();
    expect(JSON.stringify(rows)).not.toContain(token);

    const feed = await request(backend.server).get(url.pathname);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    expect(feed.text).toMatch(/^BEGIN:VCALENDAR/);
    const found = events(feed.text);
    // Weekly handoffs over 97 days: about 14 shifts of Alice or Bob.
    expect(found.length).toBeGreaterThanOrEqual(13);
    expect(found[0].summary).toMatch(/^On call: user:default\/(alice|bob)$/);

    const listed = await alice.get('/calendar-tokens');
    expectConforms('GET /calendar-tokens', listed);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: created.body.id, kind: 'schedule' }),
    ]);
    expect(listed.body.items[0].url).toBeUndefined();
    expect(
      (await backend.as(BOB).delete(`/calendar-tokens/${created.body.id}`))
        .status,
    ).toBe(404);
    expect(
      (await alice.delete(`/calendar-tokens/${created.body.id}`)).status,
    ).toBe(204);
    expect((await request(backend.server).get(url.pathname)).status).toBe(404);
    expect((await alice.get('/calendar-tokens')).body.items).toEqual([]);
  });

  it("serves a user's shifts across schedules", async () => {
    const backend = await startBackend();
    await backend.as(CAROL).post('/schedules').send(paymentsSchedule());
    const guest = backend.as(GUEST);
    const created = await guest.post('/calendar-tokens').send({ kind: 'user' });
    expect(created.body.subject).toBe(GUEST);
    const feed = await request(backend.server).get(
      new URL(created.body.url).pathname,
    );
    expect(feed.status).toBe(200);
    const found = events(feed.text);
    expect(found.length).toBeGreaterThanOrEqual(30); // every third day for 97 days
    expect(found[0].summary).toBe('On call: Payments daily');
    const others = await guest
      .post('/calendar-tokens')
      .send({ kind: 'user', userRef: CAROL });
    expect(others.status).toBe(403);
  });

  it('answers 400 for a malformed token or request, 404 for an unknown one or schedule', async () => {
    const backend = await startBackend();
    expect(
      (await request(backend.server).get('/api/oncall/calendars/abc.ics'))
        .status,
    ).toBe(400);
    const unknown = await request(backend.server).get(
      `/api/oncall/calendars/${'a'.repeat(43)}.ics`,
    );
    expect(unknown.status).toBe(404);
    const alice = backend.as(ALICE);
    const bad = await alice.post('/calendar-tokens').send({ kind: 'team' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('kind');
    const missing = await alice.post('/calendar-tokens').send({
      kind: 'schedule',
      scheduleId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.status).toBe(404);
    expect((await backend.service.get('/calendar-tokens')).status).toBe(403);
  });
});
