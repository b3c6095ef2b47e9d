import { HelpIcon, ReportableErrorPanel } from '@vigil/frontend-kit';
import { useApi } from '@backstage/core-plugin-api';
import { SEVERITIES } from '@vigil/backstage-plugin-incidents-common';
import {
  Box,
  Grid,
  LinearProgress,
  makeStyles,
  MenuItem,
  Paper,
  TextField,
  Typography,
} from '@material-ui/core';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { incidentsApiRef } from '../api/IncidentsApi';
import { formatDuration, formatShare } from '../lib/format';

export const METRICS_PERIODS = [7, 30, 90] as const;
export type MetricsPeriodDays = (typeof METRICS_PERIODS)[number];

const DAY_MS = 86_400_000;

const useStyles = makeStyles(theme => ({
  tile: {
    padding: theme.spacing(1.5, 2),
    height: '100%',
  },
  value: {
    fontSize: '1.6rem',
    fontWeight: 600,
    lineHeight: 1.2,
  },
}));

function Tile(props: {
  label: string;
  value: string;
  detail?: string;
  testId: string;
  title?: string;
}) {
  const classes = useStyles();
  return (
    <Paper variant="outlined" className={classes.tile} title={props.title}>
      <Typography variant="overline" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography className={classes.value} data-testid={props.testId}>
        {props.value}
      </Typography>
      {props.detail && (
        <Typography variant="caption" color="textSecondary">
          {props.detail}
        </Typography>
      )}
    </Paper>
  );
}

/**
 * Incident metrics over a selectable period (7/30/90 days): counts by
 * severity, mean times to acknowledge, mitigate and resolve, the share with
 * a published postmortem and overdue action items.
 */
export function MetricsStrip(props: {
  entityRef?: string;
  initialDays?: MetricsPeriodDays;
  /** Bumped by the parent to refetch (e.g. on a live update). */
  reloadKey?: number;
}) {
  const { entityRef, reloadKey } = props;
  const api = useApi(incidentsApiRef);
  const [days, setDays] = useState<MetricsPeriodDays>(props.initialDays ?? 30);
  // The period ends now; fixed per choice so re-renders do not refetch.
  const period = useMemo(() => {
    const to = new Date();
    return { from: new Date(to.getTime() - days * DAY_MS), to };
    // reloadKey moves the end of the period to now.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [days, reloadKey]);
  const { value, loading, error } = useAsync(
    () => api.getMetrics({ entityRef, ...period }),
    [api, entityRef, period],
  );

  const metrics = value?.metrics;
  const bySeverity = metrics
    ? SEVERITIES.map(s => `${s}: ${metrics.countBySeverity?.[s] ?? 0}`).join(
        ' · ',
      )
    : undefined;

  return (
    <Box data-testid="incident-metrics">
      <Box display="flex" alignItems="center" mb={1}>
        <Typography variant="h6" component="h2" style={{ flexGrow: 1 }}>
          Incident metrics
          <HelpIcon topic="incident-metrics" />
        </Typography>
        <TextField
          select
          size="small"
          variant="outlined"
          id="incident-metrics-period"
          label="Period"
          value={days}
          SelectProps={{ SelectDisplayProps: { 'aria-label': 'Period' } }}
          onChange={e => setDays(Number(e.target.value) as MetricsPeriodDays)}
        >
          {METRICS_PERIODS.map(d => (
            <MenuItem key={d} value={d}>
              Last {d} days
            </MenuItem>
          ))}
        </TextField>
      </Box>
      {error && <ReportableErrorPanel error={error} />}
      {loading && !metrics && <LinearProgress />}
      {metrics && (
        <Grid container spacing={2}>
          <Grid item xs={6} sm={4} md={2}>
            <Tile
              label="Incidents"
              value={String(metrics.count)}
              detail={bySeverity}
              testId="metric-count"
            />
          </Grid>
          <Grid item xs={6} sm={4} md={2}>
            <Tile
              label="MTTA"
              title="Mean time to acknowledge: declared → acknowledged"
              value={formatDuration(metrics.mttaMs)}
              detail="mean time to acknowledge"
              testId="metric-mtta"
            />
          </Grid>
          <Grid item xs={6} sm={4} md={2}>
            <Tile
              label="Time to mitigate"
              title="Mean time to mitigate: declared → mitigated"
              value={formatDuration(metrics.mttmMs)}
              detail="mean, declared → mitigated"
              testId="metric-mttm"
            />
          </Grid>
          <Grid item xs={6} sm={4} md={2}>
            <Tile
              label="MTTR"
              title="Mean time to resolve: declared → resolved"
              value={formatDuration(metrics.mttrMs)}
              detail="mean time to resolve"
              testId="metric-mttr"
            />
          </Grid>
          <Grid item xs={6} sm={4} md={2}>
            <Tile
              label="Postmortems published"
              value={formatShare(metrics.publishedPostmortemShare)}
              detail="of these incidents"
              testId="metric-postmortems"
            />
          </Grid>
          <Grid item xs={6} sm={4} md={2}>
            <Tile
              label="Overdue action items"
              value={String(metrics.overdueActionItems ?? 0)}
              detail="open past their due date"
              testId="metric-overdue"
            />
          </Grid>
        </Grid>
      )}
    </Box>
  );
}
