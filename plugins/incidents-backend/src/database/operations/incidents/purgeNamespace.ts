import type { StoreInternals } from '../StoreInternals';
import { INSERT_CHUNK, whereOnlyInNamespace } from '../queries';

/** What a purge deleted. */
export interface NamespacePurgeCounts {
  incidents: number;
  postmortems: number;
  actionItems: number;
}

/**
 * Deletes every incident that affects only entities of `namespace` (the
 * sandbox's), with its timeline, alerts, alert-group and correlation links,
 * postmortem and action items, in one transaction. An incident that also
 * affects an entity of another namespace is real data and stays. The route
 * decides which namespaces may be purged.
 */
export async function purgeNamespace(
  internals: StoreInternals,
  namespace: string,
): Promise<NamespacePurgeCounts> {
  return internals.db.transaction(async tx => {
    const selected = tx('incidents as i').select('i.id');
    whereOnlyInNamespace({ db: tx }, selected, 'i.id', namespace);
    const ids = (await selected).map((row: { id: string }) => row.id);
    const counts: NamespacePurgeCounts = {
      incidents: 0,
      postmortems: 0,
      actionItems: 0,
    };
    for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
      const chunk = ids.slice(i, i + INSERT_CHUNK);
      counts.actionItems += await tx('action_items')
        .whereIn('incident_id', chunk)
        .delete();
      counts.postmortems += await tx('postmortems')
        .whereIn('incident_id', chunk)
        .delete();
      for (const table of [
        'incident_timeline',
        'incident_alerts',
        'incident_alert_groups',
        'incident_alert_correlations',
        'incident_owners',
        'incident_entities',
      ]) {
        await tx(table).whereIn('incident_id', chunk).delete();
      }
      counts.incidents += await tx('incidents').whereIn('id', chunk).delete();
    }
    return counts;
  });
}
