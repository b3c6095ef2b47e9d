import type { Knex } from 'knex';
import type { KnownAlertState } from '@vigil/backstage-plugin-incidents-common';
import type { AlertGroupSnapshot, StoredIncident } from '../../IncidentStore';
import { IncidentRow, rowToIncident } from '../incidents/rows';
import type { StoreInternals } from '../StoreInternals';
import { hashGroupKey } from './alertKeys';

/** An incident row with its alerts, aggregated into one JSON column. */
type IncidentWithAlertsRow = IncidentRow & {
  known_alerts: string | unknown[] | null;
};

/**
 * The incident's alerts as `[fingerprint, status, starts_at, ends_at]`
 * arrays in one JSON column, so the incident and its alerts are one read.
 */
function knownAlertsColumn(
  internals: Pick<StoreInternals, 'db' | 'isPostgres'>,
) {
  const aggregate = internals.isPostgres
    ? 'json_agg(json_build_array(a.fingerprint, a.status, a.starts_at, a.ends_at))'
    : 'json_group_array(json_array(a.fingerprint, a.status, a.starts_at, a.ends_at))';
  return internals.db.raw(
    `(select ${aggregate} from incident_alerts a where a.incident_id = incidents.id) as known_alerts`,
  );
}

function toState(row: IncidentWithAlertsRow): {
  stored: StoredIncident;
  knownAlerts: Map<string, KnownAlertState>;
} {
  // PostgreSQL's driver parses json; SQLite hands back text (and `[]` for none).
  const raw = row.known_alerts;
  const alerts = (
    typeof raw === 'string' ? JSON.parse(raw) : raw ?? []
  ) as Array<[string, KnownAlertState['status'], string, string | null]>;
  const knownAlerts = new Map<string, KnownAlertState>();
  for (const [fingerprint, status, startsAt, endsAt] of alerts) {
    knownAlerts.set(fingerprint, {
      status,
      startsAt,
      ...(endsAt ? { endsAt } : {}),
    });
  }
  return {
    stored: {
      incident: rowToIncident(row),
      ownerRefs: JSON.parse(row.owner_refs),
    },
    knownAlerts,
  };
}

/**
 * Reads an incident with its owners and known alerts in one query, locking
 * the incident's row (not its alerts) when `forUpdate`.
 */
export async function readIncidentWithAlerts(
  internals: Pick<StoreInternals, 'db' | 'isPostgres' | 'lock'>,
  tx: Knex | Knex.Transaction,
  id: string,
  forUpdate: boolean,
): Promise<
  | { stored: StoredIncident; knownAlerts: Map<string, KnownAlertState> }
  | undefined
> {
  const query = tx('incidents')
    .select('incidents.*', knownAlertsColumn(internals))
    .where('incidents.id', id)
    .first();
  const row: IncidentWithAlertsRow | undefined = await (forUpdate
    ? internals.lock(query)
    : query);
  return row ? toState(row) : undefined;
}

/**
 * The group's incident with its alerts and the group's truncation count, in
 * one unlocked read; undefined when the group has no incident or it is
 * closed. What a repeat is checked against before any transaction.
 */
export async function readAlertGroup(
  internals: StoreInternals,
  groupKey: string,
): Promise<AlertGroupSnapshot | undefined> {
  const { db } = internals;
  const row:
    | (IncidentWithAlertsRow & {
        group_truncated_alerts: number | string | null;
      })
    | undefined = await db('incident_alert_groups as g')
    .join('incidents', 'incidents.id', 'g.incident_id')
    .select(
      'g.truncated_alerts as group_truncated_alerts',
      'incidents.*',
      knownAlertsColumn(internals),
    )
    .where('g.group_key_hash', hashGroupKey(groupKey))
    .first();
  if (!row || row.status === 'closed') return undefined;
  return {
    ...toState(row),
    lastTruncatedAlerts: Number(row.group_truncated_alerts ?? 0),
  };
}
