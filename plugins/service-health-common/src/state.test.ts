import { decideHealthState } from './state';

const panel = (title: string, hasData: boolean) => ({ title, hasData });

describe('decideHealthState', () => {
  it.each`
    case                      | selector     | panels                                    | unreachable | total | state
    ${'every panel has data'} | ${'job="a"'} | ${[panel('A', true), panel('B', true)]}   | ${0}        | ${2}  | ${'ok'}
    ${'some panels empty'}    | ${'job="a"'} | ${[panel('A', true), panel('B', false)]}  | ${0}        | ${2}  | ${'partial'}
    ${'one query timed out'}  | ${'job="a"'} | ${[panel('A', true), panel('B', false)]}  | ${1}        | ${2}  | ${'partial'}
    ${'no panel has data'}    | ${'job="a"'} | ${[panel('A', false), panel('B', false)]} | ${0}        | ${2}  | ${'empty'}
    ${'no query reached it'}  | ${'job="a"'} | ${[panel('A', false), panel('B', false)]} | ${2}        | ${2}  | ${'prometheus-down'}
    ${'no selector'}          | ${undefined} | ${[]}                                     | ${0}        | ${0}  | ${'misconfigured'}
  `('$case -> $state', ({ selector, panels, unreachable, total, state }) => {
    expect(
      decideHealthState({
        selector,
        panels,
        unreachableQueries: unreachable,
        totalQueries: total,
      }).state,
    ).toBe(state);
  });

  it('names the missing panels and when Prometheus was last reached', () => {
    expect(
      decideHealthState({
        selector: 'job="a"',
        panels: [panel('Latency', true), panel('CPU', false)],
        unreachableQueries: 0,
        totalQueries: 2,
      }),
    ).toEqual({
      state: 'partial',
      message: 'No data in this range for: CPU.',
      missingPanels: ['CPU'],
    });
    expect(
      decideHealthState({
        selector: 'job="a"',
        panels: [panel('A', false)],
        unreachableQueries: 1,
        totalQueries: 1,
        lastReachableAt: '2026-12-01T10:00:00.000Z',
      }).message,
    ).toContain('last reached at 2026-12-01T10:00:00.000Z');
  });
});
