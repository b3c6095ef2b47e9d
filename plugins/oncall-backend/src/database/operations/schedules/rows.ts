import type {
  Layer,
  Schedule,
  ScheduleDefinition,
  ScheduleVersion,
} from '@vigil/backstage-plugin-oncall-common';
import { iso, toMs } from '../queries';

export const SCHEDULES = 'oncall_schedules';
export const VERSIONS = 'oncall_schedule_versions';
export const PARTICIPANTS = 'oncall_schedule_participants';

/** A row of `oncall_schedules`. */
export interface ScheduleRow {
  id: string;
  owner_ref: string;
  name: string;
  description: string | null;
  time_zone: string;
  layers: string;
  version: number;
  created_by: string;
  created_at: number | string;
  updated_at: number | string;
}

/** A row of `oncall_schedule_versions`. */
export interface VersionRow {
  schedule_id: string;
  version: number;
  effective_from: number | string;
  definition: string;
}

export function scheduleFromRow(row: ScheduleRow): Schedule {
  return {
    id: row.id,
    ownerRef: row.owner_ref,
    name: row.name,
    ...(row.description !== null && { description: row.description }),
    timeZone: row.time_zone,
    layers: JSON.parse(row.layers),
    version: Number(row.version),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function versionFromRow(row: VersionRow): ScheduleVersion {
  return {
    version: Number(row.version),
    effectiveFrom: toMs(row.effective_from),
    definition: JSON.parse(row.definition),
  };
}

export function versionRow(
  scheduleId: string,
  version: number,
  effectiveFrom: number,
  definition: ScheduleDefinition,
): VersionRow {
  return {
    schedule_id: scheduleId,
    version,
    effective_from: effectiveFrom,
    definition: JSON.stringify({
      timeZone: definition.timeZone,
      layers: definition.layers,
    }),
  };
}

/** One row per user the layers name. */
export function participantRows(scheduleId: string, layers: Layer[]) {
  const users = new Set(layers.flatMap(layer => layer.participants));
  return [...users].map(userRef => ({
    schedule_id: scheduleId,
    user_ref: userRef,
  }));
}
