import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  ALICE,
  at,
  migratedStore,
  storedIncident,
} from '../../../__testUtils__/store';

const databases = testDatabases();

describe.each(databases.eachSupportedId())('getTimeline on %s', databaseId => {
  it('reads an incident’s events by time, then by insertion', async () => {
    const { store } = await migratedStore(databases, databaseId);
    const note = (minutes: number, text: string) => ({
      type: 'note' as const,
      at: at(minutes),
      actor: ALICE,
      text,
    });
    await store.createIncident(storedIncident('i1'), [
      note(5, 'late'),
      note(1, 'early'),
    ]);
    await store.createIncident(storedIncident('i2'), [note(0, 'other')]);
    await store.mutateIncident('i1', current => ({
      ok: true,
      incident: current.incident,
      events: [note(1, 'early too')],
      changed: false,
    }));
    const timeline = await store.getTimeline('i1');
    expect(timeline.map(entry => 'text' in entry && entry.text)).toEqual([
      'early',
      'early too',
      'late',
    ]);
    expect(timeline[0]).toEqual({
      ...note(1, 'early'),
      id: expect.any(Number),
    });
    expect(await store.getTimeline('nope')).toEqual([]);
  });
});
