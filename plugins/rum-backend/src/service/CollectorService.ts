import {
  bucketIndex,
  exceptionFingerprint,
  normalizeRoute,
  WEB_VITAL_BUCKETS,
  webVitalsOf,
  type FaroPayload,
  type RumStackFrame,
} from '@vigil/backstage-plugin-rum-common';
import type { RumBatch, RumStore } from '../database/RumStore';
import type { RumTelemetry } from './RumTelemetry';
import type { SourceMapResolver } from './SourceMapResolver';

/** What the app sends on every route change (and the first page). */
export const ROUTE_CHANGE_EVENT = 'route_change';
/** A user hash is a SHA-256 hex digest; anything else is not stored. */
const USER_HASH = /^[0-9a-f]{64}$/;

/** What one accepted payload held. */
export interface CollectSummary {
  measurements: number;
  exceptions: number;
  events: number;
  logs: number;
}

/**
 * Turns an accepted Faro payload into metrics and stored aggregates: web
 * vitals into the histograms (route pattern from the page URL), route
 * changes into page loads, exceptions fingerprinted (after source mapping)
 * into their groups, the session and its user hash into sessions. Logs and
 * traces are counted and dropped (Vigil's logs come from its backends).
 */
export class CollectorService {
  constructor(
    private readonly options: {
      store: RumStore;
      telemetry: RumTelemetry;
      sourceMaps: SourceMapResolver;
      now: () => number;
    },
  ) {}

  async collect(payload: FaroPayload): Promise<CollectSummary> {
    const { store, telemetry, sourceMaps } = this.options;
    const now = this.options.now();
    const { meta } = payload;
    const pageRoute = normalizeRoute(meta.page?.url);
    const release = meta.app?.version ?? meta.app?.release;
    const userHash = meta.user?.hash?.toLowerCase();
    const batch: RumBatch = {
      now,
      ...(meta.session?.id && {
        session: {
          id: meta.session.id,
          ...(userHash && USER_HASH.test(userHash) && { userHash }),
          ...(release && { release }),
        },
      }),
      pageLoads: new Map(),
      vitalBuckets: [],
      exceptions: [],
    };

    for (const measurement of payload.measurements ?? []) {
      for (const { vital, value } of webVitalsOf(measurement)) {
        telemetry.vital(vital, value, pageRoute);
        batch.vitalBuckets.push({
          route: pageRoute,
          vital,
          bucket: bucketIndex(WEB_VITAL_BUCKETS[vital], value),
        });
      }
    }
    for (const event of payload.events ?? []) {
      if (event.name !== ROUTE_CHANGE_EVENT) continue;
      const route = normalizeRoute(event.attributes?.toUrl ?? meta.page?.url);
      batch.pageLoads.set(route, (batch.pageLoads.get(route) ?? 0) + 1);
    }
    for (const exception of payload.exceptions ?? []) {
      const rawStack: RumStackFrame[] = (
        exception.stacktrace?.frames ?? []
      ).map(f => ({
        function: f.function,
        filename: f.filename,
        ...(f.lineno !== undefined && { lineno: f.lineno }),
        ...(f.colno !== undefined && { colno: f.colno }),
      }));
      const { frames: stack, mapped } = await sourceMaps.mapFrames(rawStack);
      const { fingerprint, parts } = exceptionFingerprint({
        type: exception.type,
        value: exception.value,
        frames: stack,
      });
      const at = Date.parse(exception.timestamp);
      batch.exceptions.push({
        fingerprint,
        type: parts.type,
        message: exception.value,
        normalizedMessage: parts.message,
        topFrame: parts.topFrame,
        // A browser's clock may be off: never in the future.
        at: Number.isFinite(at) ? Math.min(at, now) : now,
        ...(release && { release }),
        route: pageRoute,
        stack,
        rawStack,
        mapped,
      });
    }

    const outcome = await store.recordBatch(batch);
    for (const [route, count] of batch.pageLoads) {
      telemetry.pageLoad(route, count);
    }
    if (batch.exceptions.length > 0) {
      telemetry.exception(batch.exceptions.length);
    }
    if (outcome.newSession) telemetry.session();
    if (outcome.newErrorSession) telemetry.errorSession();
    return {
      measurements: payload.measurements?.length ?? 0,
      exceptions: payload.exceptions?.length ?? 0,
      events: payload.events?.length ?? 0,
      logs: payload.logs?.length ?? 0,
    };
  }
}
