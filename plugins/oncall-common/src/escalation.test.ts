import { escalationTimes, nextEscalation } from './escalation';

const OPENED = Date.parse('2026-03-08T06:00:00Z');
const minutes = (n: number) => OPENED + n * 60_000;
const POLICY = {
  steps: [{ delayMinutes: 0 }, { delayMinutes: 5 }, { delayMinutes: 10 }],
  repeat: 2,
};

describe('escalationTimes', () => {
  it('adds delays up over the flattened repeat × steps list', () => {
    expect(escalationTimes(POLICY, OPENED)).toEqual([
      { repeatIndex: 0, stepIndex: 0, at: minutes(0) },
      { repeatIndex: 0, stepIndex: 1, at: minutes(5) },
      { repeatIndex: 0, stepIndex: 2, at: minutes(15) },
      { repeatIndex: 1, stepIndex: 0, at: minutes(15) },
      { repeatIndex: 1, stepIndex: 1, at: minutes(20) },
      { repeatIndex: 1, stepIndex: 2, at: minutes(30) },
    ]);
  });

  it('runs the steps once when repeat is 1', () => {
    expect(
      escalationTimes({ ...POLICY, repeat: 1 }, OPENED).map(s => s.at),
    ).toEqual([minutes(0), minutes(5), minutes(15)]);
  });
});

describe('nextEscalation', () => {
  it.each([
    [undefined, { repeatIndex: 0, stepIndex: 0, at: minutes(0) }],
    [
      { repeatIndex: 0, stepIndex: 0 },
      { repeatIndex: 0, stepIndex: 1, at: minutes(5) },
    ],
    [
      { repeatIndex: 0, stepIndex: 2 },
      { repeatIndex: 1, stepIndex: 0, at: minutes(15) },
    ],
    [{ repeatIndex: 1, stepIndex: 2 }, undefined],
    [{ repeatIndex: 5, stepIndex: 0 }, undefined],
  ])('after %o: %o', (after, expected) => {
    expect(nextEscalation(POLICY, OPENED, after)).toEqual(expected);
  });
});
