import {
  FaultInjector,
  NO_FAULTS,
  ScheduledFaults,
  faultSettingsSchema,
} from './faults';

describe('FaultInjector', () => {
  it('injects nothing by default', () => {
    const faults = new FaultInjector(() => 0);
    expect(faults.latencyFor()).toBe(0);
    expect(faults.shouldFail()).toBe(false);
    expect(faults.isDependencyDown()).toBe(false);
  });

  it.each([
    [0.5, 0.49, true],
    [0.5, 0.5, false],
    [1, 0.999, true],
    [0, 0, false],
  ])('errorRate %d with draw %d fails: %s', (errorRate, draw, fails) => {
    const faults = new FaultInjector(() => draw);
    faults.update({ errorRate });
    expect(faults.shouldFail()).toBe(fails);
  });

  it('adds latency plus jitter', () => {
    const faults = new FaultInjector(() => 0.5);
    faults.update({ latencyMs: 100, latencyJitterMs: 50 });
    expect(faults.latencyFor()).toBe(125);
  });

  it('rejects out-of-range and unknown settings', () => {
    expect(faultSettingsSchema.safeParse({ errorRate: 2 }).success).toBe(false);
    expect(faultSettingsSchema.safeParse({ latency: 5 }).success).toBe(false);
    expect(faultSettingsSchema.safeParse({}).success).toBe(true);
  });
});

describe('ScheduledFaults', () => {
  const broken = { ...NO_FAULTS, errorRate: 1 };

  it('arms at once when no requests are to be served first', () => {
    const injector = new FaultInjector(() => 0);
    const armed = jest.fn();
    const schedule = new ScheduledFaults(injector, broken, 0, armed);
    expect(schedule.isArmed()).toBe(true);
    expect(injector.current()).toEqual(broken);
    expect(armed).toHaveBeenCalledTimes(1);
  });

  it.each([1, 3, 20])(
    'serves %d scoring requests without faults, then fails the next',
    after => {
      const injector = new FaultInjector(() => 0);
      const schedule = new ScheduledFaults(injector, broken, after);
      const outcomes = Array.from({ length: after + 2 }, () => {
        schedule.recordScoringRequest();
        return injector.shouldFail();
      });
      expect(outcomes).toEqual([...Array(after).fill(false), true, true]);
      expect(schedule.isArmed()).toBe(true);
    },
  );
});
