import { makeStyles, Typography } from '@material-ui/core';
import type { DeploymentRecord } from '@vigil/backstage-plugin-deployments-common';
import type { SloEvaluation } from '../api/types';
import { budgetAxis, timeAxis } from '../lib/chartScale';
import { formatBudget, formatTimestamp, NO_DATA } from '../lib/format';
import { DeployMarkers } from './DeployMarkers';

const WIDTH = 600;
const HEIGHT = 160;
const PADDING = { top: 10, right: 12, bottom: 24 };
/** Label font size, and the width of one of its characters (estimated). */
const FONT_SIZE = 10;
const CHAR_WIDTH = 6.5;
/**
 * Points to ask the backend for: one per unit of the chart's width. The
 * backend downsamples to this (a 30-day history at 1/min has ~43,000),
 * keeping each bucket's lowest budget, so the chart draws what it gets.
 */
export const BURN_DOWN_POINTS = WIDTH;

const useStyles = makeStyles(theme => ({
  svg: { width: '100%', height: 'auto', maxHeight: HEIGHT * 1.5 },
  line: { fill: 'none', stroke: theme.palette.primary.main, strokeWidth: 1.5 },
  point: { fill: theme.palette.primary.main },
  zero: { stroke: theme.palette.error.main, strokeDasharray: '4 3' },
  grid: { stroke: theme.palette.divider },
  label: { fill: theme.palette.text.secondary, fontSize: FONT_SIZE },
  zeroLabel: { fill: theme.palette.error.main, fontWeight: 'bold' },
}));

interface Point {
  time: number;
  budget: number;
}

/**
 * The evaluations as points in time order, with no-data evaluations as
 * `null` separators so the line breaks there.
 */
export function toPoints(
  evaluations: readonly SloEvaluation[],
): Array<Point | null> {
  return evaluations
    .map(evaluation => ({
      time: Date.parse(evaluation.evaluatedAt),
      budget: evaluation.budgetRemaining,
    }))
    .filter(({ time }) => Number.isFinite(time))
    .sort((a, b) => a.time - b.time)
    .map(({ time, budget }) =>
      typeof budget === 'number' && Number.isFinite(budget)
        ? { time, budget }
        : null,
    );
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

/**
 * Error budget remaining as a small inline SVG line chart over the time the
 * history covers (a few minutes of history fill the width as a few minutes).
 * The y axis reaches down to an overspent budget and up to 100%, with the
 * 0% (budget spent) line marked.
 */
export function BurnDownChart(props: {
  evaluations: readonly SloEvaluation[];
  /** Time zone of the time labels; the browser's by default. */
  zone?: string;
  /** Deploys to mark where they fall in the chart's time range. */
  deploys?: readonly DeploymentRecord[];
}) {
  const classes = useStyles();
  const runs = segments(toPoints(props.evaluations));
  if (runs.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Budget burn-down: {NO_DATA} in this period.
      </Typography>
    );
  }

  const points = runs.flat();
  const plotBottom = HEIGHT - PADDING.bottom;
  const yAxis = budgetAxis(
    points.map(p => p.budget),
    { start: plotBottom, end: PADDING.top },
    { minGapPx: FONT_SIZE * 1.6 },
  );
  const left =
    Math.max(3, ...yAxis.ticks.map(t => t.label.length)) * CHAR_WIDTH + 10;
  const right = WIDTH - PADDING.right;
  const xAxis = timeAxis(
    points.map(p => p.time),
    { start: left, end: right },
    {
      bounds: { min: 2, max: WIDTH - 2 },
      zone: props.zone,
      charWidthPx: CHAR_WIDTH,
    },
  );
  const x = xAxis.scale;
  const y = yAxis.scale;
  const last = points[points.length - 1];
  const summary = `Error budget remaining from ${formatTimestamp(
    new Date(points[0].time).toISOString(),
  )} to ${formatTimestamp(
    new Date(last.time).toISOString(),
  )}; latest ${formatBudget(last.budget)}`;

  return (
    <svg
      className={classes.svg}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={summary}
      data-testid="slo-burn-down"
    >
      <title>{summary}</title>
      {yAxis.ticks.map(tick => (
        <g key={`y${tick.value}`}>
          <line
            className={tick.value === 0 ? classes.zero : classes.grid}
            x1={left}
            x2={right}
            y1={tick.position}
            y2={tick.position}
            data-testid={tick.value === 0 ? 'slo-burn-down-zero' : undefined}
          />
          <text
            className={`${classes.label} ${
              tick.value === 0 ? classes.zeroLabel : ''
            }`}
            x={left - 6}
            y={tick.labelPosition + FONT_SIZE * 0.35}
            textAnchor="end"
            data-testid="slo-burn-down-y-label"
          >
            {tick.label}
          </text>
        </g>
      ))}
      {xAxis.ticks.map(tick => (
        <g key={`x${tick.value}`}>
          <line
            className={classes.grid}
            x1={tick.position}
            x2={tick.position}
            y1={plotBottom}
            y2={plotBottom + 4}
          />
          <text
            className={classes.label}
            x={tick.labelPosition}
            y={HEIGHT - 6}
            textAnchor={tick.anchor}
            data-testid="slo-burn-down-x-label"
          >
            {tick.label}
          </text>
        </g>
      ))}
      {runs.map(run =>
        // A lone point between gaps has no line to draw: mark it instead.
        run.length === 1 ? (
          <circle
            key={run[0].time}
            className={classes.point}
            cx={x(run[0].time)}
            cy={y(run[0].budget)}
            r={3}
            data-testid="slo-burn-down-point"
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
      {props.deploys && props.deploys.length > 0 && (
        <DeployMarkers
          deploys={props.deploys}
          domain={xAxis.domain}
          scale={x}
          top={PADDING.top}
          bottom={plotBottom}
        />
      )}
    </svg>
  );
}
