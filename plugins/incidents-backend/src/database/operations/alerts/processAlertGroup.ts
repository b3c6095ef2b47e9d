import type { Knex } from 'knex';
import type {
  IncidentAlert,
  KnownAlertState,
  PendingResolution,
} from '@vigil/backstage-plugin-incidents-common';
import type {
  AlertGroupDecision,
  AlertGroupOutcome,
  AlertGroupRequest,
  AlertGroupState,
  StoredIncident,
} from '../../IncidentStore';
import { INSERT_CHUNK } from '../queries';
import type { StoreInternals } from '../StoreInternals';
import {
  hashAlertInstance,
  hashCorrelationKey,
  hashGroupKey,
} from './alertKeys';
import { readIncidentWithAlerts } from './readAlertGroup';

export { hashAlertInstance, hashCorrelationKey, hashGroupKey };

interface GroupRow {
  incident_id: string | null;
  truncated_alerts: number | string | null;
}

async function upsertAlerts(
  tx: Knex.Transaction,
  incidentId: string,
  alerts: IncidentAlert[],
): Promise<void> {
  for (let i = 0; i < alerts.length; i += INSERT_CHUNK) {
    const rows = alerts.slice(i, i + INSERT_CHUNK).map(alert => ({
      incident_id: incidentId,
      fingerprint: alert.fingerprint,
      // The column's width; the full name stays in the labels.
      alert_name: alert.alertName?.slice(0, 255) ?? null,
      status: alert.status,
      starts_at: alert.startsAt,
      ends_at: alert.endsAt ?? null,
      labels: JSON.stringify(alert.labels),
      annotations: alert.annotations ? JSON.stringify(alert.annotations) : null,
      generator_url: alert.generatorURL ?? null,
    }));
    await tx('incident_alerts')
      .insert(rows)
      .onConflict(['incident_id', 'fingerprint'])
      .merge();
  }
}

/**
 * Locks the row (PostgreSQL) and returns it, inserting it first when missing:
 * one query for a row that exists, as a group's row does after its first
 * notification.
 */
async function lockRow<T>(
  internals: StoreInternals,
  tx: Knex.Transaction,
  table: string,
  keyColumn: string,
  row: Record<string, unknown>,
): Promise<T> {
  const read = () =>
    internals.lock(
      tx(table)
        .where({ [keyColumn]: row[keyColumn] })
        .first(),
    ) as Promise<T | undefined>;
  const existing = await read();
  if (existing) return existing;
  await tx(table).insert(row).onConflict(keyColumn).ignore();
  return (await read()) as T;
}

/**
 * Remembers and forgets early resolutions, one row at a time in key order,
 * so two transactions touching the same rows never wait on each other in a
 * cycle.
 */
async function writePendingResolutions(
  tx: Knex.Transaction,
  remember: PendingResolution[],
  forget: string[],
  now: number,
): Promise<void> {
  const ops = [
    ...forget.map(hash => ({ hash, row: undefined })),
    ...remember.map(r => ({
      hash: hashAlertInstance(r.fingerprint, r.startsAt),
      row: r,
    })),
  ].sort((a, b) => a.hash.localeCompare(b.hash));
  for (const { hash, row } of ops) {
    if (!row) {
      await tx('incident_pending_resolutions')
        .where({ alert_key_hash: hash })
        .delete();
      continue;
    }
    await tx('incident_pending_resolutions')
      .insert({
        alert_key_hash: hash,
        fingerprint: row.fingerprint,
        starts_at: row.startsAt,
        ends_at: row.endsAt ?? null,
        received_at: now,
      })
      .onConflict('alert_key_hash')
      .merge(['ends_at', 'received_at']);
  }
}

/**
 * One Alertmanager notification, in one transaction. Locks are taken in one
 * order everywhere: the group's row, then its problem's row (correlation
 * key), then incidents, then remembered resolutions. So deliveries of one
 * group are serialized, and so are the first deliveries of different groups
 * of one problem (an SLO's page and ticket alert groups): whichever comes
 * second finds the incident the first opened and attaches to it.
 */
export async function processAlertGroup(
  internals: StoreInternals,
  request: AlertGroupRequest,
  decide: (state: AlertGroupState) => AlertGroupDecision,
): Promise<AlertGroupOutcome> {
  const { now } = request;
  const groupHash = hashGroupKey(request.groupKey);
  const correlationHash =
    request.correlationKey !== undefined
      ? hashCorrelationKey(request.correlationKey)
      : undefined;

  return internals.db.transaction(async tx => {
    const group = await lockRow<GroupRow>(
      internals,
      tx,
      'incident_alert_groups',
      'group_key_hash',
      {
        group_key_hash: groupHash,
        group_key: request.groupKey,
        incident_id: null,
        updated_at: now,
      },
    );
    const problem = correlationHash
      ? await lockRow<{ incident_id: string | null }>(
          internals,
          tx,
          'incident_alert_correlations',
          'correlation_key_hash',
          {
            correlation_key_hash: correlationHash,
            correlation_key: request.correlationKey,
            incident_id: null,
            updated_at: now,
          },
        )
      : undefined;

    let read = group.incident_id
      ? await readIncidentWithAlerts(internals, tx, group.incident_id, true)
      : undefined;
    let correlated = false;
    if (
      (!read || read.stored.incident.status === 'closed') &&
      problem?.incident_id &&
      problem.incident_id !== read?.stored.incident.id
    ) {
      const open = await readIncidentWithAlerts(
        internals,
        tx,
        problem.incident_id,
        true,
      );
      if (open && open.stored.incident.status !== 'closed') {
        read = open;
        correlated = true;
      }
    }
    const stored = read?.stored;
    const knownAlerts = read?.knownAlerts ?? new Map<string, KnownAlertState>();

    // Remembered resolutions matter only to alerts the incident does not
    // know yet (all of them when there is no open incident).
    const tracked = stored && stored.incident.status !== 'closed';
    const pendingHashes = new Map(
      request.firingAlerts
        .filter(a => !tracked || !knownAlerts.has(a.fingerprint))
        .map(a => [
          hashAlertInstance(a.fingerprint, a.startsAt),
          a.fingerprint,
        ]),
    );
    const pendingRows: Array<{
      alert_key_hash: string;
      fingerprint: string;
      starts_at: string;
      ends_at: string | null;
    }> = pendingHashes.size
      ? await tx('incident_pending_resolutions')
          .select('alert_key_hash', 'fingerprint', 'starts_at', 'ends_at')
          .whereIn('alert_key_hash', [...pendingHashes.keys()])
      : [];
    const pendingResolutions = new Map(
      pendingRows.map(row => [
        row.fingerprint,
        {
          startsAt: row.starts_at,
          ...(row.ends_at ? { endsAt: row.ends_at } : {}),
        },
      ]),
    );

    const decision = decide({
      stored,
      correlated,
      knownAlerts,
      pendingResolutions,
      lastTruncatedAlerts: Number(group.truncated_alerts ?? 0),
    });

    const applied = new Set(decision.appliedResolutions ?? []);
    const forget = pendingRows
      .filter(row => applied.has(row.fingerprint))
      .map(row => row.alert_key_hash);
    const truncation =
      decision.truncatedAlerts !== undefined &&
      decision.truncatedAlerts !== Number(group.truncated_alerts ?? 0)
        ? { truncated_alerts: decision.truncatedAlerts }
        : {};

    let outcome: AlertGroupOutcome;
    if (decision.open) {
      const opened: StoredIncident = decision.open;
      const id = opened.incident.id;
      const events = await internals.insertIncident(
        tx,
        opened,
        decision.events,
      );
      await upsertAlerts(tx, id, decision.alerts);
      await tx('incident_alert_groups')
        .where({ group_key_hash: groupHash })
        .update({ incident_id: id, updated_at: now, ...truncation });
      if (correlationHash) {
        await tx('incident_alert_correlations')
          .where({ correlation_key_hash: correlationHash })
          .update({ incident_id: id, updated_at: now });
      }
      outcome = { incidentId: id, opened: true, stored: opened, events };
    } else if (!stored) {
      outcome = { opened: false, events: [] };
    } else {
      const id = stored.incident.id;
      const changes =
        !!decision.update ||
        decision.events.length > 0 ||
        decision.alerts.length > 0;
      let result: StoredIncident = stored;
      if (decision.update) {
        result = { incident: decision.update, ownerRefs: stored.ownerRefs };
        await internals.updateIncident(tx, result, stored.incident.version);
      }
      const events = await internals.appendEvents(tx, id, decision.events);
      await upsertAlerts(tx, id, decision.alerts);
      if (changes || Object.keys(truncation).length) {
        await tx('incident_alert_groups')
          .where({ group_key_hash: groupHash })
          .update({
            updated_at: now,
            ...truncation,
            // The group joins its problem's incident once it adds to it.
            ...(correlated && changes ? { incident_id: id } : {}),
          });
      }
      if (
        correlationHash &&
        changes &&
        !correlated &&
        problem?.incident_id !== id &&
        !(await isOpenIncident(tx, problem?.incident_id))
      ) {
        // The problem had no open incident: the group's one is it now.
        await tx('incident_alert_correlations')
          .where({ correlation_key_hash: correlationHash })
          .update({ incident_id: id, updated_at: now });
      }
      outcome =
        correlated && !changes
          ? { opened: false, events: [] }
          : { incidentId: id, opened: false, stored: result, events };
    }
    await writePendingResolutions(
      tx,
      decision.rememberResolutions ?? [],
      forget,
      now,
    );
    return outcome;
  });
}

async function isOpenIncident(
  tx: Knex.Transaction,
  id: string | null | undefined,
): Promise<boolean> {
  if (!id) return false;
  const row: { status: string } | undefined = await tx('incidents')
    .select('status')
    .where({ id })
    .first();
  return !!row && row.status !== 'closed';
}
