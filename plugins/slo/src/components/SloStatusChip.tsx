import { Chip, makeStyles } from '@material-ui/core';
import type { SloStatus } from '../api/types';

const useStyles = makeStyles(theme => ({
  ok: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  warning: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  breaching: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  noData: {
    backgroundColor: theme.palette.grey[500],
    color: theme.palette.common.white,
  },
}));

const LABELS: Record<SloStatus, string> = {
  ok: 'ok',
  warning: 'warning',
  breaching: 'breaching',
  'no-data': 'no data',
};

/** The SLO's status as a coloured chip (ok/warning/breaching/no data). */
export function SloStatusChip(props: { status: SloStatus }) {
  const classes = useStyles();
  const className = {
    ok: classes.ok,
    warning: classes.warning,
    breaching: classes.breaching,
    'no-data': classes.noData,
  }[props.status];
  return (
    <Chip
      size="small"
      label={LABELS[props.status] ?? props.status}
      className={className}
      data-testid="slo-status"
    />
  );
}
