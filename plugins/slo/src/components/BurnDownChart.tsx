import { makeStyles, Typography } from '@material-ui/core';
import type { SloEvaluation } from '../api/types';
import { formatBudget, NO_DATA } from '../lib/format';

const WIDTH = 600;
const HEIGHT = 160;
const PADDING = { top: 8, right: 8, bottom: 20, left: 44 };
/** Enough points for the width; a 30-day history at 1/min has ~43,000. */
const MAX_POINTS = 600;

const useStyles = makeStyles(theme => ({
  svg: { width: '100%', height: 'auto', maxHeight: HEIGHT * 1.5 },
  line: { fill: 'none', stroke: theme.palette.primary.main, strokeWidth: 1.5 },
  zero: { stroke: theme.palette.error.main, strokeDasharray: '4 3' },
  axis: { stroke: theme.palette.divider },
  label: { fill: theme.palette.text.secondary, fontSize: 10 },
}));

interface Point {
  time: number;
  budget: number;
}

/**
 * Keeps at most `max` points, one (the last) per time bucket, and keeps
 * no-data gaps as `null` separators so the line breaks there.
 */
export function downsample(
  evaluations: readonly SloEvaluation[],
  from: number,
  to: number,
  max = MAX_POINTS,
): Array<Point | null> {
  const span = Math.max(to - from, 1);
  const buckets = new Map<number, Point | null>();
  for (const evaluation of evaluations) {
    const time = Date.parse(evaluation.evaluatedAt);
    if (!Number.isFinite(time)) continue;
    const bucket = Math.min(
      max - 1,
      Math.max(0, Math.floor(((time - from) / span) * max)),
    );
    const budget = evaluation.budgetRemaining;
    buckets.set(
      bucket,
      typeof budget === 'number' && Number.isFinite(budget)
        ? { time, budget }
        : null,
    );
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, point]) => point);
}

/** Splits at no-data gaps into runs that are drawn as separate lines. */
function segments(points: Array<Point | null>): Point[][] {
  const runs: Point[][] = [];
  let current: Point[] = [];
  for (const point of points) {
    if (point) {
      current.push(point);
    } else if (current.length > 0) {
      runs.push(current);
      current = [];
    }
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/** Error budget remaining over the period, as a small inline SVG line chart. */
export function BurnDownChart(props: {
  evaluations: readonly SloEvaluation[];
  from: string;
  to: string;
}) {
  const classes = useStyles();
  const from = Date.parse(props.from);
  const to = Date.parse(props.to);
  const points = downsample(props.evaluations, from, to);
  const runs = segments(points);
  if (runs.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Budget burn-down: {NO_DATA} in this period.
      </Typography>
    );
  }

  const budgets = runs.flat().map(p => p.budget);
  // Always show 0% (budget spent) and 100% (untouched) for scale.
  const yMin = Math.min(0, ...budgets);
  const yMax = Math.max(1, ...budgets);
  const plotWidth = WIDTH - PADDING.left - PADDING.right;
  const plotHeight = HEIGHT - PADDING.top - PADDING.bottom;
  const x = (time: number) =>
    PADDING.left + ((time - from) / Math.max(to - from, 1)) * plotWidth;
  const y = (budget: number) =>
    PADDING.top + ((yMax - budget) / (yMax - yMin)) * plotHeight;
  const last = runs[runs.length - 1][runs[runs.length - 1].length - 1];
  const summary = `Error budget remaining from ${new Date(
    from,
  ).toISOString()} to ${new Date(to).toISOString()}; latest ${formatBudget(
    last.budget,
  )}`;

  return (
    <svg
      className={classes.svg}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={summary}
      data-testid="slo-burn-down"
    >
      <title>{summary}</title>
      <line
        className={classes.axis}
        x1={PADDING.left}
        x2={WIDTH - PADDING.right}
        y1={y(yMax)}
        y2={y(yMax)}
      />
      <line
        className={classes.zero}
        x1={PADDING.left}
        x2={WIDTH - PADDING.right}
        y1={y(0)}
        y2={y(0)}
      />
      <text className={classes.label} x={2} y={y(yMax) + 4}>
        {formatBudget(yMax)}
      </text>
      <text className={classes.label} x={2} y={y(0) + 4}>
        0%
      </text>
      <text className={classes.label} x={PADDING.left} y={HEIGHT - 4}>
        {new Date(from).toISOString().slice(0, 10)}
      </text>
      <text
        className={classes.label}
        x={WIDTH - PADDING.right}
        y={HEIGHT - 4}
        textAnchor="end"
      >
        {new Date(to).toISOString().slice(0, 10)}
      </text>
      {runs.map(run =>
        // A lone point between gaps has no line to draw: mark it instead.
        run.length === 1 ? (
          <circle
            key={run[0].time}
            className={classes.line}
            cx={x(run[0].time)}
            cy={y(run[0].budget)}
            r={2}
          />
        ) : (
          <polyline
            key={run[0].time}
            className={classes.line}
            points={run
              .map(p => `${x(p.time).toFixed(1)},${y(p.budget).toFixed(1)}`)
              .join(' ')}
          />
        ),
      )}
    </svg>
  );
}
