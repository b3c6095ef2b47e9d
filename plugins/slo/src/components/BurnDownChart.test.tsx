import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import type { SloEvaluation } from '../api/types';
import { BurnDownChart } from './BurnDownChart';

const MINUTE = 60_000;
const T0 = Date.parse('2025-03-10T10:00:00Z');

function evaluations(
  budgets: Array<number | null>,
  stepMs = MINUTE,
): SloEvaluation[] {
  return budgets.map((budget, index) => ({
    evaluatedAt: new Date(T0 + index * stepMs).toISOString(),
    sli: null,
    budgetRemaining: budget,
    burnRates: {},
    firingAlert: null,
    status: budget === null ? 'no-data' : 'ok',
  }));
}

const labels = (testId: string) =>
  screen.getAllByTestId(testId).map(label => ({
    text: label.textContent ?? '',
    x: Number(label.getAttribute('x')),
    y: Number(label.getAttribute('y')),
  }));

describe('BurnDownChart', () => {
  it('draws an overspent budget with distinct, non-overlapping axis labels', async () => {
    // The reported case: −23,496% drew one dot at the bottom, with "100.0%"
    // and "0%" printed on top of each other.
    await renderInTestApp(
      <BurnDownChart
        evaluations={evaluations([0.2, -50, -120, -234.96])}
        zone="UTC"
      />,
    );

    const yLabels = labels('slo-burn-down-y-label');
    const texts = yLabels.map(l => l.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts).toContain('0%');
    expect(texts).toContain('-20,000%');
    const heights = yLabels.map(l => l.y).sort((a, b) => a - b);
    for (let i = 1; i < heights.length; i++) {
      expect(heights[i] - heights[i - 1]).toBeGreaterThanOrEqual(12);
    }
    // The 0% line is marked, at the 0% label's height.
    const zero = screen.getByTestId('slo-burn-down-zero');
    const zeroLabel = yLabels.find(l => l.text === '0%')!;
    expect(
      Math.abs(Number(zero.getAttribute('y1')) - zeroLabel.y),
    ).toBeLessThan(6);
  });

  it('spans a few minutes of history as a few minutes, with time labels', async () => {
    await renderInTestApp(
      <BurnDownChart
        evaluations={evaluations([0.9, 0.89, 0.88, 0.87])}
        zone="UTC"
      />,
    );

    const xLabels = labels('slo-burn-down-x-label').map(l => l.text);
    expect(xLabels.length).toBeGreaterThanOrEqual(2);
    for (const label of xLabels) {
      expect(label).toMatch(/^10:0[0-3](:\d\d)?$/);
    }
    // The line runs across the plot, not squashed into a dot at its end.
    const svg = screen.getByTestId('slo-burn-down');
    const xs = svg
      .querySelector('polyline')!
      .getAttribute('points')!
      .split(' ')
      .map(point => Number(point.split(',')[0]));
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(400);
    expect(svg).toHaveAccessibleName(/latest 87\.0%/);
  });

  it('shows a single evaluation as a visible point in the middle', async () => {
    await renderInTestApp(
      <BurnDownChart evaluations={evaluations([0.42])} zone="UTC" />,
    );

    const point = screen.getByTestId('slo-burn-down-point');
    expect(Number(point.getAttribute('r'))).toBeGreaterThanOrEqual(3);
    const cx = Number(point.getAttribute('cx'));
    expect(cx).toBeGreaterThan(250);
    expect(cx).toBeLessThan(400);
    expect(labels('slo-burn-down-x-label').length).toBeGreaterThanOrEqual(2);
  });

  it('draws every point the backend kept, so a dip is not smoothed away', async () => {
    // As the backend downsamples: a bucket's last and lowest evaluations.
    const budgets = Array.from({ length: 1_200 }, (_, i) =>
      i === 700 ? -0.5 : 0.9 - i * 0.0001,
    );
    await renderInTestApp(
      <BurnDownChart evaluations={evaluations(budgets)} zone="UTC" />,
    );
    const points = screen
      .getByTestId('slo-burn-down')
      .querySelector('polyline')!
      .getAttribute('points')!
      .split(' ');
    expect(points).toHaveLength(1_200);
    expect(
      labels('slo-burn-down-y-label').some(l => l.text.startsWith('-')),
    ).toBe(true);
  });

  it('breaks the line at no-data evaluations, in time order', async () => {
    const [a, b, gap, c, d] = evaluations([0.9, 0.8, null, 0.7, 0.6]);
    await renderInTestApp(
      <BurnDownChart evaluations={[d, c, gap, b, a]} zone="UTC" />,
    );
    const lines = screen
      .getByTestId('slo-burn-down')
      .querySelectorAll('polyline');
    expect(lines).toHaveLength(2);
    const xs = [...lines].map(line =>
      line
        .getAttribute('points')!
        .split(' ')
        .map(point => Number(point.split(',')[0])),
    );
    expect(xs[0][0]).toBeLessThan(xs[0][1]);
    expect(xs[0][1]).toBeLessThan(xs[1][0]);
  });

  it('says there is no data without evaluations with a budget', async () => {
    await renderInTestApp(<BurnDownChart evaluations={evaluations([null])} />);
    expect(
      screen.getByText('Budget burn-down: no data in this period.'),
    ).toBeInTheDocument();
  });
});
