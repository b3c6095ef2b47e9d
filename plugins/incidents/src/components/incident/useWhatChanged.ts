import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import {
  deployTakenAt,
  DeploymentsClient,
  type DeploymentRecord,
} from '@vigil/backstage-plugin-deployments-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import type { Incident } from '../../api/types';

/** How far before an incident's start deploys count as what changed. */
export const WHAT_CHANGED_LOOKBACK_MS = 24 * 3_600_000;
/** At most this many of an incident's entities are asked about. */
export const WHAT_CHANGED_MAX_ENTITIES = 10;

/** The incident times the window is made of. */
export interface IncidentTimes {
  detectedAt?: string;
  declaredAt: string;
  resolvedAt?: string;
}

/**
 * When the incident started (detected, else declared), and the end of the
 * window deploys are looked for in: its resolution, or `now` while open.
 */
export function incidentWindow(
  times: IncidentTimes,
  now: number = Date.now(),
): { start: number; end: number } {
  const start = Date.parse(times.detectedAt ?? times.declaredAt);
  const resolved = times.resolvedAt ? Date.parse(times.resolvedAt) : NaN;
  return { start, end: Number.isFinite(resolved) ? resolved : now };
}

/**
 * The deploys, rollbacks and drills of the incident's entities from 24 hours
 * before it started until it was resolved (or now), newest first. The
 * deployments plugin is another plugin: the page reads its HTTP API with
 * deployments-common's client, the user's token added by the fetch API.
 */
export function useWhatChanged(incident: Incident) {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const client = useMemo(
    () => new DeploymentsClient({ discoveryApi, fetchApi }),
    [discoveryApi, fetchApi],
  );
  // Only the entities and the window matter, not the incident's other
  // fields that change often (notes, roles).
  const refsKey = incident.entityRefs
    .slice(0, WHAT_CHANGED_MAX_ENTITIES)
    .join('\n');
  const { detectedAt, declaredAt, resolvedAt } = incident.timestamps;

  return useAsync(async (): Promise<DeploymentRecord[]> => {
    const { start, end } = incidentWindow({
      detectedAt,
      declaredAt,
      resolvedAt,
    });
    const perEntity = await Promise.all(
      refsKey
        .split('\n')
        .filter(Boolean)
        .map(entityRef =>
          client.deploymentsAround(entityRef, start, {
            before: WHAT_CHANGED_LOOKBACK_MS,
            after: Math.max(0, end - start),
          }),
        ),
    );
    const byId = new Map(perEntity.flat().map(record => [record.id, record]));
    return [...byId.values()].sort(
      (a, b) => deployTakenAt(b) - deployTakenAt(a),
    );
  }, [client, refsKey, detectedAt, declaredAt, resolvedAt]);
}
