import { Chip, makeStyles, Tooltip } from '@material-ui/core';
import type {
  IncidentStatus,
  PostmortemState,
  Severity,
  SeverityTable,
} from '../api/types';
import { POSTMORTEM_STATE_LABELS, STATUS_LABELS } from '../lib/format';

const useStyles = makeStyles(theme => ({
  SEV1: {
    backgroundColor: theme.palette.error.dark,
    color: theme.palette.error.contrastText,
    fontWeight: 700,
  },
  SEV2: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
    fontWeight: 700,
  },
  SEV3: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  SEV4: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  open: {
    backgroundColor: theme.palette.error.light,
    color: theme.palette.error.contrastText,
  },
  monitoring: {
    backgroundColor: theme.palette.warning.light,
    color: theme.palette.warning.contrastText,
  },
  done: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  neutral: {
    backgroundColor: theme.palette.grey[500],
    color: theme.palette.common.white,
  },
}));

/** "SEV2", with the configured name and description as a tooltip. */
export function SeverityChip(props: {
  severity: Severity;
  severities?: SeverityTable;
  showName?: boolean;
}) {
  const classes = useStyles();
  const definition = props.severities?.[props.severity];
  const label =
    props.showName && definition
      ? `${props.severity} · ${definition.name}`
      : props.severity;
  const chip = (
    <Chip
      size="small"
      label={label}
      className={classes[props.severity]}
      data-testid="incident-severity"
    />
  );
  if (!definition) return chip;
  return (
    <Tooltip title={`${definition.name}: ${definition.description}`}>
      {chip}
    </Tooltip>
  );
}

/** The incident's status: red while open, amber monitoring, green after. */
export function StatusChip(props: { status: IncidentStatus }) {
  const classes = useStyles();
  const className = {
    investigating: classes.open,
    identified: classes.open,
    monitoring: classes.monitoring,
    resolved: classes.done,
    closed: classes.neutral,
  }[props.status];
  return (
    <Chip
      size="small"
      label={STATUS_LABELS[props.status] ?? props.status}
      className={className}
      data-testid="incident-status"
    />
  );
}

export function PostmortemStateChip(props: { state: PostmortemState }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant={props.state === 'published' ? 'default' : 'outlined'}
      label={POSTMORTEM_STATE_LABELS[props.state] ?? props.state}
      className={props.state === 'published' ? classes.done : undefined}
      data-testid="postmortem-state"
    />
  );
}
