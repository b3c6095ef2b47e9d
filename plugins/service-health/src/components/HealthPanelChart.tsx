import { makeStyles, Paper, Typography, useTheme } from '@material-ui/core';
import type {
  HealthMarkers,
  HealthPanel,
  HealthRange,
} from '@vigil/backstage-plugin-service-health-common';
import { useMemo } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatTick, formatValue, latestValue } from '../lib/format';
import { LatestValues } from './LatestValues';

const HEIGHT = 220;

const useStyles = makeStyles(theme => ({
  paper: { padding: theme.spacing(1.5, 2), height: '100%' },
  header: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'baseline',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  empty: {
    height: HEIGHT,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    textAlign: 'center',
    color: theme.palette.text.secondary,
  },
}));

/** Rows of `{ t, <series name>: value }`, one per timestamp, for recharts. */
export function toRows(
  panel: HealthPanel,
): Array<Record<string, number | null>> {
  const rows = new Map<number, Record<string, number | null>>();
  for (const series of panel.series) {
    for (const [t, value] of series.points) {
      const row = rows.get(t) ?? { t };
      row[series.name] = value;
      rows.set(t, row);
    }
  }
  return [...rows.values()].sort((a, b) => (a.t as number) - (b.t as number));
}

/**
 * One panel as a line chart: time on x over the whole range, the unit on y,
 * a legend of its series (p50/p95/p99, or one line per instance), deploys
 * as dashed vertical lines and incidents as shaded spans. A panel without
 * data says why instead of drawing empty axes.
 */
export function HealthPanelChart(props: {
  panel: HealthPanel;
  range: HealthRange;
  fromMs: number;
  toMs: number;
  markers: HealthMarkers;
}) {
  const { panel, range, fromMs, toMs, markers } = props;
  const classes = useStyles();
  const theme = useTheme();
  const rows = useMemo(() => toRows(panel), [panel]);
  const colors = [
    theme.palette.primary.main,
    theme.palette.warning.main,
    theme.palette.error.main,
    theme.palette.success.main,
    theme.palette.info.main,
    theme.palette.secondary.main,
  ];
  const latest = panel.series.map(series => ({
    name: series.name,
    value: latestValue(series.points),
  }));

  return (
    <Paper
      variant="outlined"
      className={classes.paper}
      data-testid={`health-panel-${panel.id}`}
    >
      <div className={classes.header}>
        <Typography variant="subtitle2" component="h3">
          {panel.title}
        </Typography>
        {panel.hasData && (
          <LatestValues panelId={panel.id} unit={panel.unit} latest={latest} />
        )}
      </div>
      {panel.hasData ? (
        <ResponsiveContainer
          width="100%"
          height={HEIGHT}
          initialDimension={{ width: 600, height: HEIGHT }}
        >
          <LineChart
            data={rows}
            margin={{ top: 8, right: 8, left: 8, bottom: 0 }}
          >
            <CartesianGrid
              strokeDasharray="3 3"
              stroke={theme.palette.divider}
            />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={[fromMs, toMs]}
              tickFormatter={(t: number) => formatTick(t, range)}
              tick={{ fontSize: 11 }}
              minTickGap={24}
            />
            <YAxis
              width={72}
              tick={{ fontSize: 11 }}
              tickFormatter={(v: number) => formatValue(v, panel.unit)}
              domain={panel.unit === 'ratio' ? [0, 'auto'] : ['auto', 'auto']}
            />
            <Tooltip
              labelFormatter={t => new Date(Number(t)).toLocaleString()}
              formatter={value => formatValue(Number(value), panel.unit)}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {markers.incidents.map(incident => (
              <ReferenceArea
                key={`incident-${incident.id}`}
                x1={Math.max(fromMs, Date.parse(incident.at))}
                x2={Math.min(
                  toMs,
                  incident.resolvedAt ? Date.parse(incident.resolvedAt) : toMs,
                )}
                fill={theme.palette.error.light}
                fillOpacity={0.15}
                ifOverflow="hidden"
                label={{
                  value: incident.title,
                  position: 'insideTopLeft',
                  fontSize: 10,
                }}
              />
            ))}
            {markers.deploys.map(deploy => (
              <ReferenceLine
                key={`deploy-${deploy.at}`}
                x={Date.parse(deploy.at)}
                stroke={theme.palette.info.main}
                strokeDasharray="4 3"
                ifOverflow="hidden"
                label={{
                  value: `${deploy.kind} ${deploy.version}`.trim(),
                  position: 'insideTopRight',
                  fontSize: 10,
                }}
              />
            ))}
            {panel.series.map((series, index) => (
              <Line
                key={series.name}
                type="monotone"
                dataKey={series.name}
                stroke={colors[index % colors.length]}
                dot={false}
                strokeWidth={1.5}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      ) : (
        <div className={classes.empty}>
          <Typography variant="body2">
            No data{panel.note ? `: ${panel.note}` : ''}
          </Typography>
        </div>
      )}
    </Paper>
  );
}
