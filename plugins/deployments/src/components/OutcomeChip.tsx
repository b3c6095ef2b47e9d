import { Chip, makeStyles } from '@material-ui/core';
import type { DeploymentOutcome } from '@vigil/backstage-plugin-deployments-common';

/** Outcome labels, as the tables and their filters say them. */
export const OUTCOME_LABELS: Record<DeploymentOutcome, string> = {
  in_progress: 'In progress',
  succeeded: 'Succeeded',
  rolled_back: 'Rolled back',
  failed: 'Failed',
};

const useStyles = makeStyles(theme => ({
  succeeded: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  rolled_back: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  failed: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  in_progress: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
}));

/** How a deploy, rollback or drill ended, as a coloured chip. */
export function OutcomeChip(props: { outcome: DeploymentOutcome }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      className={classes[props.outcome]}
      label={OUTCOME_LABELS[props.outcome] ?? props.outcome}
    />
  );
}

/** A drill's verdict: passed (detected, RTO and RPO within target) or failed. */
export function VerdictChip(props: { passed: boolean }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      className={props.passed ? classes.succeeded : classes.failed}
      label={props.passed ? 'Passed' : 'Failed'}
    />
  );
}
