import { parseEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { DrillResult, Release, drillResultSchema } from './records';

/**
 * Rollback drills measured: the timeline a drill observed turned into the
 * DrillResult of records.ts, and the evidence files under
 * `validation/drills/` that launch gates read (validation/drills/README.md
 * documents them field by field).
 */

/**
 * Targets a drill is judged against when the operator sets none.
 * @public
 */
export const DEFAULT_DRILL_TARGETS: DrillTargets = Object.freeze({
  rtoMs: 60_000,
  rpoWindowMs: 60_000,
  maxLostWrites: 0,
});

/**
 * What a drill is judged against.
 * @public
 */
export interface DrillTargets {
  /** Longest acceptable time from the bad release taking traffic to healthy traffic. */
  rtoMs: number;
  /** Longest acceptable window of failed requests. */
  rpoWindowMs: number;
  /** Acknowledged feature-store writes that may be missing afterwards (0: none). */
  maxLostWrites: number;
}

/**
 * One request of the drill's load: when its answer (or error) arrived, and
 * whether it was a 2xx.
 * @public
 */
export interface DrillRequestOutcome {
  /** Epoch milliseconds. */
  at: number;
  ok: boolean;
}

/**
 * What a drill observed, in the order it happened. Times are epoch milliseconds.
 * @public
 */
export interface DrillTimeline {
  badRelease: Release;
  /** The fault the bad release carried (its SCORING_FAULTS and when it applies). */
  fault: Record<string, unknown>;
  goodRelease: Release;
  load: { rate: number; connections: number; durationMs: number };
  /** When traffic was switched to the bad release. */
  badTrafficAt: number;
  /**
   * When the rollback was decided, and by which signal. Signal `none`:
   * nothing noticed within the watch window and the drill gave up at `at`
   * and rolled back by hand (the drill fails, whatever its figures).
   * Absent: no rollback was decided at all (the drill cannot be measured).
   */
  detection?: {
    at: number;
    signal: 'smoke' | 'fast-burn' | 'none';
    detail: string;
  };
  /**
   * When the rollback's switch had moved traffic back to the good release
   * (the good colour ready, up and taking traffic; not after the bad one
   * drained); absent when it did not.
   */
  trafficBackAt?: number;
  /** Every request of the load. */
  requests: readonly DrillRequestOutcome[];
  /** Ids of the feature-store writes the service acknowledged, and of those read back afterwards. */
  featureWrites: {
    acknowledged: readonly string[];
    foundAfterwards: readonly string[];
  };
  targets: DrillTargets;
}

/** @public */
export type DrillMeasurement =
  | { complete: true; result: DrillResult }
  | {
      /**
       * No rollback was decided, or traffic never returned to the good
       * release: the drill has no RTO, and the drill result's schema has no
       * way to say so. The caller reports it as a failed drill.
       */
      complete: false;
      problem: string;
    };

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Measures a drill from its timeline.
 *
 * - detection: from the bad release taking traffic to the rollback decision
 *   (signal `none`: to the drill giving up and rolling back by hand);
 * - RTO: from the bad release taking traffic to healthy traffic again, which
 *   is the later of traffic being back on the good release and the last
 *   failed request after the switch (requests the bad release had in flight
 *   still fail after the switch back; traffic is healthy only after them);
 * - RPO: the window from the first to the last failed request of the whole
 *   load (0 with none or one), and the acknowledged feature writes not
 *   found afterwards.
 *
 * It passes when detection happened (signal other than `none`), RTO and the
 * failure window are within their targets and no more writes were lost than
 * the target allows.
 * @public
 */
export function measureDrill(timeline: DrillTimeline): DrillMeasurement {
  const { detection, trafficBackAt, badTrafficAt, targets } = timeline;
  if (!detection) {
    return {
      complete: false,
      problem:
        'no rollback was decided: neither smoke checks nor the fast-burn condition noticed, and the drill did not roll back by hand',
    };
  }
  if (trafficBackAt === undefined) {
    return {
      complete: false,
      problem:
        'a rollback was decided but traffic never returned to the good release',
    };
  }

  let failedRequests = 0;
  let firstFailure: number | undefined;
  let lastFailure: number | undefined;
  let lastFailureAfterSwitch: number | undefined;
  for (const { at, ok } of timeline.requests) {
    if (ok) continue;
    failedRequests += 1;
    firstFailure = firstFailure === undefined ? at : Math.min(firstFailure, at);
    lastFailure = lastFailure === undefined ? at : Math.max(lastFailure, at);
    if (at >= badTrafficAt) {
      lastFailureAfterSwitch = Math.max(lastFailureAfterSwitch ?? at, at);
    }
  }

  const restoredAt = Math.max(
    trafficBackAt,
    lastFailureAfterSwitch ?? trafficBackAt,
    badTrafficAt,
  );
  const rtoMs = restoredAt - badTrafficAt;
  const windowMs =
    firstFailure === undefined || lastFailure === undefined
      ? 0
      : lastFailure - firstFailure;

  const found = new Set(timeline.featureWrites.foundAfterwards);
  const acknowledged = new Set(timeline.featureWrites.acknowledged);
  let lost = 0;
  for (const id of acknowledged) if (!found.has(id)) lost += 1;

  const rtoMet = rtoMs <= targets.rtoMs;
  const rpoMet =
    windowMs <= targets.rpoWindowMs && lost <= targets.maxLostWrites;

  const result: DrillResult = {
    schemaVersion: 1,
    badRelease: timeline.badRelease,
    fault: timeline.fault,
    goodRelease: timeline.goodRelease,
    load: timeline.load,
    badTrafficAt: iso(badTrafficAt),
    detection: {
      detectedAt: iso(detection.at),
      detectionMs: Math.max(0, detection.at - badTrafficAt),
      signal: detection.signal,
      detail: detection.detail,
    },
    rto: {
      restoredAt: iso(restoredAt),
      rtoMs,
      targetMs: targets.rtoMs,
      met: rtoMet,
    },
    rpo: {
      totalRequests: timeline.requests.length,
      failedRequests,
      ...(firstFailure === undefined
        ? {}
        : { firstFailureAt: iso(firstFailure) }),
      ...(lastFailure === undefined ? {} : { lastFailureAt: iso(lastFailure) }),
      windowMs,
      targetMs: targets.rpoWindowMs,
      featureWrites: { acknowledged: acknowledged.size, lost },
      met: rpoMet,
    },
    // Nothing noticing the fault fails the drill, however fast the rollback by hand.
    passed: detection.signal !== 'none' && rtoMet && rpoMet,
  };
  return { complete: true, result };
}

const isoTime = z.string().datetime({ offset: true });

/**
 * A drill's evidence file, `validation/drills/<id>.json`: its result plus
 * what it was of and when it ran. Version 1; fields are only ever added as
 * optional ones, anything else bumps `schemaVersion`.
 * @public
 */
export const drillFileSchema = drillResultSchema.extend({
  /** The file's name without `.json`: `<UTC timestamp>-<entity name>`. */
  id: z.string().regex(/^\d{8}T\d{6}Z-[A-Za-z0-9_.-]{1,63}$/),
  entityRef: z.string().min(1).max(300),
  startedAt: isoTime,
  finishedAt: isoTime,
  /** The drill's record in the portal, when it could be posted. */
  deploymentId: z.string().min(1).max(100).optional(),
  /** Who ran it (`$USER@host`). */
  operator: z.string().max(200).optional(),
});
/** @public */
export type DrillFile = z.infer<typeof drillFileSchema>;

/**
 * The id (and file name without extension) of a drill of `entityRef`
 * started at `startedAt` (epoch ms): `20261201T050312Z-scoring-api`.
 * @public
 */
export function drillFileId(startedAt: number, entityRef: string): string {
  const stamp = iso(startedAt)
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `${stamp}-${
    parseEntityRef(entityRef, { defaultKind: 'component' }).name
  }`;
}

/** `6 ms`, `3.2 s`: a drill's figures range from one burst of requests to minutes. */
const seconds = (ms: number) =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');
const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const describeRelease = (release: Release) =>
  `\`${release.version}\` (commit \`${release.commit.slice(0, 12)}\`${
    release.ref ? `, ref \`${release.ref}\`` : ''
  })`;

/**
 * A Markdown table padded as Prettier pads it, so the committed evidence
 * passes the repository's format check as written.
 */
function markdownTable(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, column) =>
    Math.max(3, ...rows.map(row => row[column].length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(rows[0]),
    line(widths.map(width => '-'.repeat(width))),
    ...rows.slice(1).map(line),
  ];
}

/**
 * The drill as Markdown, written beside its JSON: the JSON is the evidence
 * launch gates read, this is for people.
 * @public
 */
export function renderDrillMarkdown(file: DrillFile): string {
  const { detection, rto, rpo, load } = file;
  const failedShare = rpo.totalRequests
    ? ((rpo.failedRequests / rpo.totalRequests) * 100).toFixed(2)
    : '0.00';
  const signal = {
    smoke: 'failed smoke checks',
    'fast-burn': "the SLO's fast-burn condition",
    none: 'nothing',
  }[detection.signal];
  return [
    `# Rollback drill ${file.id}`,
    '',
    `**${file.passed ? 'Passed' : 'Failed'}**: \`${file.entityRef}\`, ${
      file.startedAt
    } to ${file.finishedAt}${
      file.operator ? `, run by ${file.operator}` : ''
    }.${file.deploymentId ? ` Portal record \`${file.deploymentId}\`.` : ''}`,
    '',
    ...markdownTable([
      ['Figure', 'Measured', 'Target', 'Met'],
      detection.signal === 'none'
        ? [
            'Detection',
            `none (gave up after ${seconds(detection.detectionMs)})`,
            'a rollback decided',
            'no',
          ]
        : [
            'Detection',
            `${seconds(detection.detectionMs)} (${signal})`,
            '',
            '',
          ],
      ['RTO', seconds(rto.rtoMs), seconds(rto.targetMs), yesNo(rto.met)],
      [
        'RPO: failed-request window',
        seconds(rpo.windowMs),
        seconds(rpo.targetMs),
        yesNo(rpo.windowMs <= rpo.targetMs),
      ],
      [
        'RPO: feature writes lost',
        `${rpo.featureWrites.lost} of ${rpo.featureWrites.acknowledged}`,
        '0',
        yesNo(rpo.featureWrites.lost === 0),
      ],
    ]),
    '',
    '## What happened',
    '',
    `- ${file.badTrafficAt}: the bad release ${describeRelease(
      file.badRelease,
    )}, carrying the fault \`${JSON.stringify(file.fault)}\`, took traffic.`,
    detection.signal === 'none'
      ? `- ${
          detection.detectedAt
        }: nothing had noticed the fault; the drill gave up and rolled back by hand: ${oneLine(
          detection.detail,
        )}`
      : `- ${detection.detectedAt}: rollback decided by ${signal}: ${oneLine(
          detection.detail,
        )}`,
    `- ${rto.restoredAt}: traffic healthy again on ${describeRelease(
      file.goodRelease,
    )}.`,
    `- Load: ${load.rate} requests/s over ${
      load.connections
    } connections for ${seconds(load.durationMs)}; ${rpo.failedRequests} of ${
      rpo.totalRequests
    } requests failed (${failedShare} %)${
      rpo.firstFailureAt
        ? `, the first at ${rpo.firstFailureAt}, the last at ${rpo.lastFailureAt}`
        : ''
    }.`,
    `- Feature-store writes during the drill: ${rpo.featureWrites.acknowledged} acknowledged, ${rpo.featureWrites.lost} not found afterwards.`,
    '',
    'Definitions and the JSON schema: [README.md](README.md).',
    '',
  ].join('\n');
}
