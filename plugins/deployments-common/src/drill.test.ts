import {
  DEFAULT_DRILL_TARGETS,
  DrillFile,
  DrillTimeline,
  drillFileId,
  drillFileSchema,
  measureDrill,
  renderDrillMarkdown,
} from './drill';
import { DrillResult, drillResultSchema } from './records';

const T0 = Date.parse('2026-12-01T05:00:00.000Z');
const at = (seconds: number) => T0 + seconds * 1000;

/** One request every 100 ms from `from` to `to` seconds, failing in [failFrom, failTo). */
function requests(
  from: number,
  to: number,
  failing: [number, number][] = [],
): { at: number; ok: boolean }[] {
  const out = [];
  for (let ms = from * 1000; ms < to * 1000; ms += 100) {
    const seconds = ms / 1000;
    out.push({
      at: T0 + ms,
      ok: !failing.some(([a, b]) => seconds >= a && seconds < b),
    });
  }
  return out;
}

const good = { version: '0.1.0+1111111', commit: '1111111' };
const bad = { version: '0.1.0+2222222.dirty', commit: '2222222', dirty: true };

/** A drill: bad release live at 10 s, failing from 12 s, detected at 20 s, traffic back at 21 s. */
function timeline(overrides: Partial<DrillTimeline> = {}): DrillTimeline {
  return {
    badRelease: bad,
    fault: { faults: { errorRate: 1 }, afterRequests: 50 },
    goodRelease: good,
    load: { rate: 10, connections: 4, durationMs: 40_000 },
    badTrafficAt: at(10),
    detection: {
      at: at(20),
      signal: 'smoke',
      detail: 'POST /v1/score answered 500',
    },
    trafficBackAt: at(21),
    requests: requests(0, 40, [[12, 21]]),
    featureWrites: {
      acknowledged: ['a', 'b', 'c'],
      foundAfterwards: ['a', 'b', 'c'],
    },
    targets: DEFAULT_DRILL_TARGETS,
    ...overrides,
  };
}

function measured(t: DrillTimeline): DrillResult {
  const measurement = measureDrill(t);
  if (!measurement.complete) throw new Error(measurement.problem);
  // Every result is a valid drill result as the wire contract defines it.
  return drillResultSchema.parse(measurement.result);
}

describe('measureDrill', () => {
  it('measures detection, RTO and RPO of a drill that passes', () => {
    const result = measured(timeline());
    expect(result.detection).toEqual({
      detectedAt: '2026-12-01T05:00:20.000Z',
      detectionMs: 10_000,
      signal: 'smoke',
      detail: 'POST /v1/score answered 500',
    });
    // The last failure (20.9 s) is before traffic came back (21 s).
    expect(result.rto).toEqual({
      restoredAt: '2026-12-01T05:00:21.000Z',
      rtoMs: 11_000,
      targetMs: 60_000,
      met: true,
    });
    expect(result.rpo).toEqual({
      totalRequests: 400,
      failedRequests: 90,
      firstFailureAt: '2026-12-01T05:00:12.000Z',
      lastFailureAt: '2026-12-01T05:00:20.900Z',
      windowMs: 8_900,
      targetMs: 60_000,
      featureWrites: { acknowledged: 3, lost: 0 },
      met: true,
    });
    expect(result.passed).toBe(true);
    expect(result.badTrafficAt).toBe('2026-12-01T05:00:10.000Z');
  });

  it.each([
    [
      'no failed request: window 0, no first or last failure',
      { requests: requests(0, 40) },
      { windowMs: 0, failedRequests: 0, rtoMs: 11_000, passed: true },
    ],
    [
      'one failed request: a window of 0',
      { requests: [{ at: at(15), ok: false }] },
      { windowMs: 0, failedRequests: 1, rtoMs: 11_000, passed: true },
    ],
    [
      'failures after traffic came back (in flight on the bad release): healthy at the last one',
      { requests: requests(0, 40, [[12, 23.5]]) },
      { windowMs: 11_400, failedRequests: 115, rtoMs: 13_400, passed: true },
    ],
    [
      'a failure before the bad release took traffic widens the window, not the RTO',
      { requests: [...requests(0, 40, [[12, 21]]), { at: at(1), ok: false }] },
      { windowMs: 19_900, failedRequests: 91, rtoMs: 11_000, passed: true },
    ],
    [
      'RTO over target fails the drill',
      { targets: { ...DEFAULT_DRILL_TARGETS, rtoMs: 10_000 } },
      { rtoMet: false, rpoMet: true, passed: false },
    ],
    [
      'RTO exactly at target meets it',
      { targets: { ...DEFAULT_DRILL_TARGETS, rtoMs: 11_000 } },
      { rtoMet: true, passed: true },
    ],
    [
      'failure window over target fails the drill',
      { targets: { ...DEFAULT_DRILL_TARGETS, rpoWindowMs: 5_000 } },
      { rtoMet: true, rpoMet: false, passed: false },
    ],
    [
      'a lost write fails the drill',
      {
        featureWrites: {
          acknowledged: ['a', 'b', 'c'],
          foundAfterwards: ['a', 'c'],
        },
      },
      { lost: 1, acknowledged: 3, rpoMet: false, passed: false },
    ],
    [
      'a lost write within an allowance of one',
      {
        featureWrites: { acknowledged: ['a', 'b'], foundAfterwards: ['b'] },
        targets: { ...DEFAULT_DRILL_TARGETS, maxLostWrites: 1 },
      },
      { lost: 1, acknowledged: 2, rpoMet: true, passed: true },
    ],
    [
      'a write acknowledged twice counts once; reads of unacknowledged ids do not count',
      {
        featureWrites: {
          acknowledged: ['a', 'a', 'b'],
          foundAfterwards: ['a', 'b', 'z'],
        },
      },
      { lost: 0, acknowledged: 2, passed: true },
    ],
    [
      'detection stamped before the switch (clock skew) counts as 0',
      {
        detection: { at: at(9), signal: 'fast-burn' as const, detail: 'burn' },
      },
      { detectionMs: 0, signal: 'fast-burn', passed: true },
    ],
    [
      'requests in any order',
      { requests: requests(0, 40, [[12, 21]]).reverse() },
      { windowMs: 8_900, failedRequests: 90, rtoMs: 11_000 },
    ],
  ])('%s', (_what, overrides, expected) => {
    const result = measured(timeline(overrides));
    const figures: Record<string, unknown> = {
      windowMs: result.rpo.windowMs,
      failedRequests: result.rpo.failedRequests,
      rtoMs: result.rto.rtoMs,
      rtoMet: result.rto.met,
      rpoMet: result.rpo.met,
      lost: result.rpo.featureWrites.lost,
      acknowledged: result.rpo.featureWrites.acknowledged,
      detectionMs: result.detection.detectionMs,
      signal: result.detection.signal,
      passed: result.passed,
    };
    expect(figures).toMatchObject(expected);
  });

  it('records a drill nothing detected as failed, measured to the rollback by hand', () => {
    // The watch window (60 s) passed the bad release; the drill gave up at
    // 71 s, and the rollback by hand had traffic back at 74 s.
    const result = measured(
      timeline({
        requests: requests(0, 80, [[12, 74]]),
        detection: {
          at: at(71),
          signal: 'none',
          detail: 'nothing detected the fault within the 60 s watch window',
        },
        trafficBackAt: at(74),
        targets: {
          ...DEFAULT_DRILL_TARGETS,
          rtoMs: 120_000,
          rpoWindowMs: 120_000,
        },
      }),
    );
    expect(result.detection).toEqual({
      detectedAt: '2026-12-01T05:01:11.000Z',
      detectionMs: 61_000,
      signal: 'none',
      detail: 'nothing detected the fault within the 60 s watch window',
    });
    expect(result.rto).toMatchObject({
      restoredAt: '2026-12-01T05:01:14.000Z',
      rtoMs: 64_000,
      met: true,
    });
    // Within every target, and still failed: nothing noticed the fault.
    expect(result.rpo.met).toBe(true);
    expect(result.passed).toBe(false);
    const text = renderDrillMarkdown({ ...drillFile(), ...result });
    expect(text).toContain('**Failed**');
    expect(text).toMatch(
      /\| Detection +\| none \(gave up after 61\.0 s\) +\| a rollback decided +\| no +\|/,
    );
    expect(text).toContain(
      '- 2026-12-01T05:01:11.000Z: nothing had noticed the fault; the drill gave up and rolled back by hand: nothing detected the fault within the 60 s watch window',
    );
  });

  it('leaves out the first and last failure when none failed', () => {
    const { rpo } = measured(timeline({ requests: requests(0, 5) }));
    expect(rpo).not.toHaveProperty('firstFailureAt');
    expect(rpo).not.toHaveProperty('lastFailureAt');
  });

  it.each([
    [
      'nothing detected the fault',
      { detection: undefined },
      /no rollback was decided/,
    ],
    [
      'traffic never came back',
      { trafficBackAt: undefined },
      /traffic never returned to the good release/,
    ],
  ])('is incomplete when %s', (_what, overrides, problem) => {
    const measurement = measureDrill(timeline(overrides));
    expect(measurement.complete).toBe(false);
    expect(measurement.complete ? '' : measurement.problem).toMatch(problem);
  });
});

describe('drillFileId', () => {
  it.each([
    [at(0), 'component:default/scoring-api', '20261201T050000Z-scoring-api'],
    [at(0.999), 'scoring-api', '20261201T050000Z-scoring-api'],
    [
      Date.parse('2027-01-09T23:59:59Z'),
      'component:payments/fraud-model',
      '20270109T235959Z-fraud-model',
    ],
  ])('%s %s -> %s', (startedAt, entityRef, id) => {
    expect(drillFileId(startedAt, entityRef)).toBe(id);
    expect(drillFileSchema.shape.id.safeParse(id).success).toBe(true);
  });
});

function drillFile(overrides: Partial<DrillFile> = {}): DrillFile {
  return {
    ...measured(timeline()),
    id: '20261201T050000Z-scoring-api',
    entityRef: 'component:default/scoring-api',
    startedAt: '2026-12-01T05:00:00.000Z',
    finishedAt: '2026-12-01T05:00:45.000Z',
    ...overrides,
  };
}

describe('drillFileSchema', () => {
  it.each([
    ['a measured drill', {}, true],
    [
      'with its portal record and operator',
      { deploymentId: 'd-1', operator: 'ana@box' },
      true,
    ],
    ['an id that is not <timestamp>-<name>', { id: 'scoring-api' }, false],
    ['a start that is not an ISO time', { startedAt: 'yesterday' }, false],
    ['an unknown field', { colour: 'blue' } as Partial<DrillFile>, false],
  ])('%s -> valid %s', (_what, overrides, valid) => {
    expect(drillFileSchema.safeParse(drillFile(overrides)).success).toBe(valid);
  });

  it('requires schemaVersion 1', () => {
    const file = { ...drillFile(), schemaVersion: 2 };
    expect(drillFileSchema.safeParse(file).success).toBe(false);
  });
});

describe('renderDrillMarkdown', () => {
  it('states the outcome, the figures against their targets and the timeline', () => {
    const text = renderDrillMarkdown(
      drillFile({ deploymentId: 'd-1', operator: 'ana@box' }),
    );
    expect(text).toContain('# Rollback drill 20261201T050000Z-scoring-api');
    expect(text).toContain(
      '**Passed**: `component:default/scoring-api`, 2026-12-01T05:00:00.000Z to 2026-12-01T05:00:45.000Z, run by ana@box. Portal record `d-1`.',
    );
    expect(text).toContain(
      '| RTO                        | 11.0 s                       | 60.0 s | yes |',
    );
    expect(text).toContain('| RPO: feature writes lost   | 0 of 3 ');
    expect(text).toContain(
      '- 2026-12-01T05:00:20.000Z: rollback decided by failed smoke checks: POST /v1/score answered 500',
    );
    expect(text).toContain('90 of 400 requests failed (22.50 %)');
  });

  it('says a failed drill failed, and keeps a multi-line detail on one line', () => {
    const result = measured(
      timeline({
        targets: { ...DEFAULT_DRILL_TARGETS, rtoMs: 1000 },
        detection: {
          at: at(20),
          signal: 'fast-burn',
          detail: 'burn rate 14.4x\n  over 5m and 1h',
        },
      }),
    );
    const text = renderDrillMarkdown({ ...drillFile(), ...result });
    expect(text).toContain('**Failed**');
    expect(text).toContain(
      "rollback decided by the SLO's fast-burn condition: burn rate 14.4x over 5m and 1h",
    );
    expect(text).toMatch(/\| RTO +\| 11\.0 s +\| 1\.0 s +\| no +\|/);
  });

  it('shows durations under a second in milliseconds', () => {
    const file = drillFile();
    const text = renderDrillMarkdown({
      ...file,
      rpo: { ...file.rpo, windowMs: 6 },
    });
    expect(text).toMatch(
      /\| RPO: failed-request window \| 6 ms +\| 60\.0 s +\| yes +\|/,
    );
  });

  it('pads every table row to the same width (as Prettier formats it)', () => {
    const rows = renderDrillMarkdown(drillFile())
      .split('\n')
      .filter(line => line.startsWith('|'));
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map(row => row.length)).size).toBe(1);
  });
});
