import { InfoCard, Progress } from '@backstage/core-components';
import { HelpIcon, ReportableErrorPanel } from '@vigil/frontend-kit';
import { Grid, Typography } from '@material-ui/core';
import type { DoraFigures as Figures } from '@vigil/backstage-plugin-deployments-common';
import {
  formatDuration,
  formatFrequency,
  formatPercent,
  NO_DATA,
} from '../lib/format';
import { DORA_DAYS, useDora } from './useDora';

function Figure(props: {
  label: string;
  value: string | null;
  /** Why there is no value, when there is none. */
  empty: string;
  explanation: string;
  testId: string;
}) {
  return (
    <Grid item xs={12} sm={6} md={3} data-testid={props.testId}>
      <Typography variant="overline" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography
        variant="h5"
        color={props.value === null ? 'textSecondary' : 'textPrimary'}
      >
        {props.value ?? NO_DATA}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {props.value === null ? props.empty : props.explanation}
      </Typography>
    </Grid>
  );
}

/** The four figures, each `null` (no data) when there is nothing to compute it from. */
export function DoraFiguresGrid(props: { figures: Figures }) {
  const { figures } = props;
  const deployed = figures.deployments > 0;
  return (
    <Grid container spacing={2}>
      <Figure
        label="Deployment frequency"
        testId="dora-frequency"
        value={
          deployed ? formatFrequency(figures.deploymentFrequencyPerDay) : null
        }
        empty={`No deploy took traffic in the last ${figures.days} days.`}
        explanation={`${figures.deployments} deploy${
          figures.deployments === 1 ? '' : 's'
        } took traffic in ${figures.days} days.`}
      />
      <Figure
        label="Change failure rate"
        testId="dora-change-failure-rate"
        value={
          figures.changeFailureRate === null
            ? null
            : formatPercent(figures.changeFailureRate)
        }
        empty="No deploy took traffic to fail."
        explanation="Deploys rolled back or failed after taking traffic."
      />
      <Figure
        label="Time to restore"
        testId="dora-time-to-restore"
        value={
          figures.timeToRestoreMs === null
            ? null
            : formatDuration(figures.timeToRestoreMs)
        }
        empty="No bad release had to be restored."
        explanation="Median, from a bad release taking traffic to healthy traffic."
      />
      <Figure
        label="Lead time for changes"
        testId="dora-lead-time"
        value={
          figures.leadTimeMs === null
            ? null
            : formatDuration(figures.leadTimeMs)
        }
        empty="No deploy with a known commit time."
        explanation="Median, from commit to the release taking traffic."
      />
    </Grid>
  );
}

/** DORA-style figures of the entity over the last 30 days (drills excluded). */
export function DoraFigures(props: { entityRef: string }) {
  const { value, loading, error } = useDora(props.entityRef);
  return (
    <InfoCard
      title="Delivery performance"
      action={<HelpIcon topic="dora" />}
      subheader={`DORA figures over the last ${DORA_DAYS} days, drills excluded`}
    >
      {loading && <Progress />}
      {error && <ReportableErrorPanel error={error} />}
      {value && <DoraFiguresGrid figures={value} />}
    </InfoCard>
  );
}
