import { Chip, makeStyles } from '@material-ui/core';
import type {
  EffectiveCheckStatus,
  ReviewState,
} from '@vigil/backstage-plugin-launch-gates-common';
import { STATE_LABELS, STATUS_LABELS } from '../lib/format';

const useStyles = makeStyles(theme => ({
  good: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  bad: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  warn: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  info: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  neutral: {},
}));

type Tone = 'good' | 'bad' | 'warn' | 'info' | 'neutral';

const STATUS_TONES: Record<EffectiveCheckStatus, Tone> = {
  pass: 'good',
  fail: 'bad',
  unknown: 'warn',
  pending: 'neutral',
  waived: 'info',
};

const STATE_TONES: Record<ReviewState, Tone> = {
  open: 'neutral',
  go: 'good',
  'no-go': 'bad',
  reopened: 'warn',
};

/** A check's (or gate's) status, waivers counted, as a coloured chip. */
export function CheckStatusChip(props: { status: EffectiveCheckStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      className={classes[STATUS_TONES[props.status] ?? 'neutral']}
      label={STATUS_LABELS[props.status] ?? props.status}
      data-testid="check-status"
    />
  );
}

/** A review's state as a coloured chip. */
export function ReviewStateChip(props: { state: ReviewState }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      className={classes[STATE_TONES[props.state] ?? 'neutral']}
      label={STATE_LABELS[props.state] ?? props.state}
      data-testid="review-state"
    />
  );
}
