import type {
  IncidentSearchRow,
  SearchDocumentsPage,
} from '../../IncidentStore';
import type { StoreInternals } from '../StoreInternals';
import { IncidentRow, rowToIncident } from './rows';

/** A page of incidents in id order with their notes, for the search index. */
export async function searchIncidents(
  internals: StoreInternals,
  cursor: string | undefined,
  limit: number,
): Promise<SearchDocumentsPage<IncidentSearchRow>> {
  const query = internals
    .db<IncidentRow>('incidents')
    .orderBy('id', 'asc')
    .limit(limit);
  if (cursor) query.where('id', '>', cursor);
  const rows: IncidentRow[] = await query;
  const notes: Array<{ incident_id: string; event: string }> = rows.length
    ? await internals
        .db('incident_timeline')
        .select('incident_id', 'event')
        .where({ type: 'note' })
        .whereIn(
          'incident_id',
          rows.map(r => r.id),
        )
    : [];
  const notesByIncident = new Map<string, string[]>();
  for (const note of notes) {
    const list = notesByIncident.get(note.incident_id) ?? [];
    list.push(String(JSON.parse(note.event).text ?? ''));
    notesByIncident.set(note.incident_id, list);
  }
  return {
    items: rows.map(row => ({
      incident: rowToIncident(row),
      notes: notesByIncident.get(row.id) ?? [],
    })),
    ...(rows.length === limit ? { nextCursor: rows[rows.length - 1].id } : {}),
  };
}
