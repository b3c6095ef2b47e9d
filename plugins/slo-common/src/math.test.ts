import { budgetRemaining, burnRate, errorBudget, errorRatio } from './math';

/** Rounds away float noise (and -0); keeps `undefined` (no data) as is. */
const rounded = (value: number | undefined) =>
  value === undefined ? undefined : Number(value.toFixed(9)) + 0;

describe('errorRatio', () => {
  it.each`
    bad          | total        | expected
    ${0}         | ${1000}      | ${0}
    ${1}         | ${1000}      | ${0.001}
    ${1000}      | ${1000}      | ${1}
    ${0}         | ${0}         | ${undefined}
    ${5}         | ${0}         | ${undefined}
    ${undefined} | ${10}        | ${undefined}
    ${10}        | ${undefined} | ${undefined}
    ${NaN}       | ${10}        | ${undefined}
    ${-1}        | ${10}        | ${undefined}
    ${11}        | ${10}        | ${undefined}
    ${1}         | ${Infinity}  | ${undefined}
  `('$bad bad of $total -> $expected', ({ bad, total, expected }) => {
    expect(errorRatio(bad, total)).toBe(expected);
  });
});

describe('errorBudget', () => {
  it.each`
    objective   | expected
    ${99.9}     | ${0.001}
    ${99}       | ${0.01}
    ${95}       | ${0.05}
    ${50}       | ${0.5}
    ${100}      | ${0}
    ${0.1}      | ${0.999}
    ${0}        | ${undefined}
    ${-1}       | ${undefined}
    ${101}      | ${undefined}
    ${NaN}      | ${undefined}
    ${Infinity} | ${undefined}
  `('$objective% -> $expected', ({ objective, expected }) => {
    expect(rounded(errorBudget(objective))).toBe(expected);
  });

  it("equals the value in Sloth's rules bit for bit", () => {
    // Sloth prints `(14.4 * 0.0009999999999999432)` for a 99.9% objective.
    expect(errorBudget(99.9)).toBe(0.0009999999999999432);
  });
});

describe('burnRate', () => {
  it.each`
    ratio        | objective | expected     | why
    ${0}         | ${99.9}   | ${0}         | ${'no errors burn nothing'}
    ${0.001}     | ${99.9}   | ${1}         | ${'exactly on budget'}
    ${0.0144}    | ${99.9}   | ${14.4}      | ${'the 30-day page threshold'}
    ${1}         | ${99.9}   | ${1000}      | ${'100% errors'}
    ${1}         | ${95}     | ${20}        | ${'100% errors, looser objective'}
    ${0.5}       | ${50}     | ${1}         | ${'half the events may fail'}
    ${0}         | ${100}    | ${0}         | ${'a 100% objective without errors'}
    ${0.001}     | ${100}    | ${undefined} | ${'a 100% objective with errors: unbounded'}
    ${undefined} | ${99.9}   | ${undefined} | ${'no data (0/0 traffic)'}
    ${NaN}       | ${99.9}   | ${undefined} | ${'NaN from a 0/0 query'}
    ${Infinity}  | ${99.9}   | ${undefined} | ${'Inf from x/0'}
    ${-0.1}      | ${99.9}   | ${undefined} | ${'negative ratio'}
    ${1.5}       | ${99.9}   | ${undefined} | ${'ratio above 1'}
    ${0.01}      | ${0}      | ${undefined} | ${'invalid objective'}
  `(
    '$why: ratio $ratio at $objective% -> $expected',
    ({ ratio, objective, expected }) => {
      expect(rounded(burnRate(ratio, objective))).toBe(expected);
    },
  );
});

describe('budgetRemaining', () => {
  it.each`
    ratio        | objective | expected     | why
    ${0}         | ${99.9}   | ${1}         | ${'untouched'}
    ${0.0005}    | ${99.9}   | ${0.5}       | ${'half spent'}
    ${0.001}     | ${99.9}   | ${0}         | ${'exactly spent'}
    ${0.002}     | ${99.9}   | ${-1}        | ${'overspent twice over'}
    ${1}         | ${99.9}   | ${-999}      | ${'100% errors'}
    ${0}         | ${100}    | ${1}         | ${'100% objective, no errors'}
    ${0.1}       | ${100}    | ${undefined} | ${'100% objective with errors'}
    ${undefined} | ${99.9}   | ${undefined} | ${'no data'}
    ${NaN}       | ${99.9}   | ${undefined} | ${'NaN'}
  `(
    '$why: $ratio at $objective% -> $expected',
    ({ ratio, objective, expected }) => {
      expect(rounded(budgetRemaining(ratio, objective))).toBe(expected);
    },
  );

  it('never returns NaN or Infinity', () => {
    const samples = [
      0,
      1e-12,
      0.5,
      1,
      -1,
      2,
      NaN,
      Infinity,
      -Infinity,
      undefined,
    ];
    const objectives = [0, 1e-9, 50, 99.999, 100, 150, NaN];
    for (const ratio of samples) {
      for (const objective of objectives) {
        for (const value of [
          burnRate(ratio, objective),
          budgetRemaining(ratio, objective),
          errorBudget(objective),
        ]) {
          expect(value === undefined || Number.isFinite(value)).toBe(true);
        }
      }
    }
  });
});
