import { FaultInjector, faultSettingsSchema } from './faults';

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
