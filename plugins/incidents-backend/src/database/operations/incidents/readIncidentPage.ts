import type {
  IncidentAlert,
  PostmortemState,
  TimelineEntry,
} from '@vigil/backstage-plugin-incidents-common';
import type { IncidentPage } from '../../IncidentStore';
import { rowToAlert } from '../alerts/rows';
import type { StoreInternals } from '../StoreInternals';
import { IncidentRow, rowToIncident } from './rows';

// What an incident's page shows, in one statement: the incident's row with
// its timeline, alerts and postmortem summary aggregated as JSON arrays
// beside it. Each statement costs a query compile, a prepare and a round
// of promises; the page is the most read route, so it pays those once.
// Alerts and events keep their stored columns (JSON text included), so the
// row mappers the other reads use apply unchanged.
const SQLITE_PAGE = `
select i.*,
  (select json_group_array(json_array(t.id, t.event) order by t.at, t.id)
     from incident_timeline t where t.incident_id = i.id) as page_timeline,
  (select json_group_array(json_array(a.fingerprint, a.alert_name, a.status,
       a.starts_at, a.ends_at, a.labels, a.annotations, a.generator_url)
       order by a.starts_at, a.fingerprint)
     from incident_alerts a where a.incident_id = i.id) as page_alerts,
  (select json_array(p.id, p.state, p.version)
     from postmortems p where p.incident_id = i.id) as page_postmortem
from incidents i where i.id = ?`;

const POSTGRES_PAGE = `
select i.*,
  (select coalesce(json_agg(json_build_array(t.id, t.event) order by t.at, t.id), '[]'::json)
     from incident_timeline t where t.incident_id = i.id) as page_timeline,
  (select coalesce(json_agg(json_build_array(a.fingerprint, a.alert_name, a.status,
       a.starts_at, a.ends_at, a.labels, a.annotations, a.generator_url)
       order by a.starts_at, a.fingerprint), '[]'::json)
     from incident_alerts a where a.incident_id = i.id) as page_alerts,
  (select json_build_array(p.id, p.state, p.version)
     from postmortems p where p.incident_id = i.id) as page_postmortem
from incidents i where i.id = ?`;

type Json = string | number | null;

interface PageRow extends IncidentRow {
  // JSON text on SQLite; parsed by the driver on PostgreSQL.
  page_timeline: string | Json[][];
  page_alerts: string | Json[][];
  page_postmortem: string | Json[] | null;
}

function fromJson<T>(value: string | T): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

function toAlert(columns: Json[]): IncidentAlert {
  const [fingerprint, alertName, status, startsAt, endsAt] = columns;
  const [labels, annotations, generatorUrl] = columns.slice(5);
  return rowToAlert({
    fingerprint: String(fingerprint),
    alert_name: alertName as string | null,
    status: String(status),
    starts_at: String(startsAt),
    ends_at: endsAt as string | null,
    labels: String(labels),
    annotations: annotations as string | null,
    generator_url: generatorUrl as string | null,
  });
}

/** An incident with its timeline (oldest first), alerts (earliest first) and postmortem summary. */
export async function readIncidentPage(
  internals: Pick<StoreInternals, 'db' | 'isPostgres'>,
  id: string,
): Promise<IncidentPage | undefined> {
  const result = await internals.db.raw(
    internals.isPostgres ? POSTGRES_PAGE : SQLITE_PAGE,
    [id],
  );
  const row: PageRow | undefined = internals.isPostgres
    ? result.rows[0]
    : result[0];
  if (!row) return undefined;
  const timeline: TimelineEntry[] = fromJson<Json[][]>(row.page_timeline).map(
    ([eventId, event]) => ({
      ...JSON.parse(String(event)),
      id: Number(eventId),
    }),
  );
  const postmortem =
    row.page_postmortem === null ? null : fromJson<Json[]>(row.page_postmortem);
  return {
    stored: {
      incident: rowToIncident(row),
      ownerRefs: JSON.parse(row.owner_refs),
    },
    timeline,
    alerts: fromJson<Json[][]>(row.page_alerts).map(toAlert),
    ...(postmortem && {
      postmortem: {
        id: String(postmortem[0]),
        state: postmortem[1] as PostmortemState,
        version: Number(postmortem[2]),
      },
    }),
  };
}
