import { DrillUsageError, parseDrillArgs } from './options';

describe('parseDrillArgs', () => {
  it('has documented defaults', () => {
    expect(parseDrillArgs([])).toEqual({
      ref: undefined,
      entityRef: 'component:default/scoring-api',
      rate: 20,
      connections: 4,
      writesPerSecond: 4,
      faults: { errorRate: 1 },
      faultAfterRequests: 50,
      watchSeconds: 60,
      settleSeconds: 5,
      rtoTargetMs: 60_000,
      rpoWindowTargetMs: 60_000,
      outDir: 'validation/drills',
    });
  });

  it.each([
    [['--ref', 'v1.2.0'], { ref: 'v1.2.0' }],
    [['--rate', '50', '--connections', '8'], { rate: 50, connections: 8 }],
    [['--fault', '{"latencyMs":900}'], { faults: { latencyMs: 900 } }],
    [['--fault-after', '0'], { faultAfterRequests: 0 }],
    [
      ['--rto-target', '30', '--rpo-target', '2.5'],
      { rtoTargetMs: 30_000, rpoWindowTargetMs: 2_500 },
    ],
    [
      ['--settle', '0', '--watch', '20'],
      { settleSeconds: 0, watchSeconds: 20 },
    ],
    [
      ['--entity', 'component:payments/fraud-model'],
      { entityRef: 'component:payments/fraud-model' },
    ],
    [['--out', '/tmp/drills'], { outDir: '/tmp/drills' }],
  ])('%j', (args, expected) => {
    expect(parseDrillArgs(args)).toMatchObject(expected);
  });

  it.each([
    [['--rate', '0'], /--rate must be above 0/],
    [['--rate', 'fast'], /--rate must be a number/],
    [['--connections', '1.5'], /--connections must be a whole number/],
    [['--connections', '0'], /--connections must be 1 or more/],
    [['--fault', 'errorRate=1'], /--fault must be a JSON object/],
    [['--fault', '[1]'], /--fault must be a JSON object/],
    [['--fault-after=-1'], /--fault-after must be 0 or more/],
    [['--entity', 'scoring-api'], /--entity must be a full entity ref/],
    [['--writes', '1000'], /--writes must be 100 or fewer/],
    [['--colour', 'blue'], /Unknown option '--colour'/],
    [['extra'], /Unexpected argument 'extra'/],
  ])('%j is refused', (args, message) => {
    expect(() => parseDrillArgs(args)).toThrow(DrillUsageError);
    expect(() => parseDrillArgs(args)).toThrow(message);
  });
});
