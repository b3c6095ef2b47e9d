import {
  compare,
  describeCondition,
  evaluatePassRule,
  judgeCondition,
} from './passRule';
import type { PassCondition } from './template';

describe('compare', () => {
  it.each([
    [612, '<=', 800, true],
    [800, '<=', 800, true],
    [800.1, '<=', 800, false],
    [800, '<', 800, false],
    [0, '==', 0, true],
    [1, '==', 0, false],
    [true, '==', true, true],
    [false, '!=', true, true],
    ['a', '==', 'a', true],
    [3, '>=', 1, true],
    [1, '>', 1, false],
    // An ordering of non-numbers is never true: a string measured where a
    // number was expected fails rather than passing by coercion.
    ['900', '<=', 800, false],
    [true, '>=', 1, false],
  ] as const)('%p %s %p is %p', (actual, op, target, expected) => {
    expect(compare(actual, op, target)).toBe(expected);
  });
});

const p95: PassCondition = {
  measure: 'p95Ms',
  op: '<=',
  target: 800,
  stretch: 600,
};
const memory: PassCondition = {
  measure: 'peakMemoryBytes',
  op: '<=',
  target: 3.7e9,
  stretch: 2.5e9,
};

describe('judgeCondition', () => {
  it.each([
    [{ p95Ms: 550 }, true, true],
    [{ p95Ms: 700 }, true, false],
    [{ p95Ms: 900 }, false, false],
    [{ p95Ms: null }, null, null],
    [{}, null, null],
  ])(
    'p95 of %p: passed %p, stretch met %p',
    (measurements, passed, stretchMet) => {
      const outcome = judgeCondition(p95, measurements);
      expect(outcome.passed).toBe(passed);
      expect(outcome.stretchMet).toBe(stretchMet);
    },
  );

  it('does not read measures off the prototype', () => {
    const outcome = judgeCondition(
      { measure: 'constructor', op: '==', target: 'x' },
      {},
    );
    expect(outcome.actual).toBeNull();
    expect(outcome.passed).toBeNull();
  });

  it('has no stretch fields without a stretch target', () => {
    const outcome = judgeCondition(
      { measure: 'gaps', op: '==', target: 0 },
      { gaps: 0 },
    );
    expect(outcome).toEqual({
      measure: 'gaps',
      op: '==',
      target: 0,
      actual: 0,
      passed: true,
    });
  });
});

describe('evaluatePassRule', () => {
  it.each([
    ['every condition holds', { p95Ms: 500, peakMemoryBytes: 1e9 }, 'pass'],
    ['one fails', { p95Ms: 900, peakMemoryBytes: 1e9 }, 'fail'],
    ['one is missing, none fails', { p95Ms: 500 }, 'unknown'],
    [
      'one fails and one is missing: a failure is a failure',
      { p95Ms: 900 },
      'fail',
    ],
    ['nothing measured', {}, 'unknown'],
  ])('%s: %s', (_name, measurements, status) => {
    expect(evaluatePassRule([p95, memory], measurements).status).toBe(status);
  });

  it('keeps one outcome per condition, in order', () => {
    const verdict = evaluatePassRule([p95, memory], {
      p95Ms: 612,
      peakMemoryBytes: 3e9,
    });
    expect(verdict.outcomes.map(o => o.measure)).toEqual([
      'p95Ms',
      'peakMemoryBytes',
    ]);
  });
});

describe('describeCondition', () => {
  it.each([
    [{ p95Ms: 612 }, 'p95Ms 612 <= 800 (stretch 600: missed)'],
    [{ p95Ms: 512 }, 'p95Ms 512 <= 800 (stretch 600: met)'],
    [{}, 'p95Ms unknown <= 800 (stretch 600: unknown)'],
  ])('%p reads %p', (measurements, text) => {
    expect(describeCondition(judgeCondition(p95, measurements))).toBe(text);
  });
});
