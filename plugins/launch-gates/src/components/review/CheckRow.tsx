import {
  Box,
  Button,
  Collapse,
  IconButton,
  makeStyles,
  Typography,
} from '@material-ui/core';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type { CheckResult } from '@vigil/backstage-plugin-launch-gates-common';
import { useState } from 'react';
import { answererLabel, formatRelative, formatTime } from '../../lib/format';
import { CheckStatusChip } from '../StatusChip';
import { CheckEvidence } from './CheckEvidence';

const useStyles = makeStyles(theme => ({
  row: {
    padding: theme.spacing(1, 0),
    '&:not(:last-child)': {
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
  },
  line: { display: 'flex', alignItems: 'flex-start', gap: theme.spacing(1.5) },
  chip: { flexShrink: 0, minWidth: 80 },
  text: { flex: 1, minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  details: { padding: theme.spacing(1, 0, 1, 12) },
}));

/** What a pending check without a summary is waiting for. */
function pendingText(check: CheckResult): string {
  if (check.status !== 'pending') return '';
  return check.type === 'manual' ? 'Awaiting an answer' : 'Evaluating…';
}

/** What the row's buttons do; each is offered only where it applies. */
export interface CheckActions {
  onRerun: (check: CheckResult) => void;
  onAnswer: (check: CheckResult) => void;
  onWaive: (check: CheckResult) => void;
  /** The check being re-run, if any (its button spins). */
  rerunning?: string;
}

/**
 * One check: its status chip (waivers counted), title, whether it blocks,
 * the one-line summary, when it was last evaluated or answered, and its
 * actions (re-run an automated check, answer a manual one, waive one that
 * neither passes nor is waived); it expands to the evidence.
 */
export function CheckRow(props: {
  reviewId: string;
  check: CheckResult;
  actions: CheckActions;
}) {
  const { reviewId, check, actions } = props;
  const classes = useStyles();
  const [expanded, setExpanded] = useState(false);
  const waivable =
    check.effectiveStatus !== 'pass' && check.effectiveStatus !== 'waived';
  const when = check.answer?.answeredAt ?? check.evaluatedAt;
  return (
    <Box
      className={classes.row}
      data-testid="check-row"
      data-check-id={check.checkId}
      data-check-type={check.type}
      data-status={check.effectiveStatus}
      data-answered-by={check.answeredBy ?? undefined}
      data-provider={check.provider ?? undefined}
    >
      <Box className={classes.line}>
        <Box className={classes.chip}>
          <CheckStatusChip status={check.effectiveStatus} />
        </Box>
        <Box className={classes.text}>
          <Typography variant="body1">
            {check.title}
            <Typography
              variant="caption"
              color="textSecondary"
              component="span"
            >
              {' · '}
              {check.checkId}
              {check.blocking ? ' · blocking' : ' · advisory'}
              {check.type === 'manual'
                ? ` · answered by ${answererLabel(check.answeredBy)}`
                : ` · ${check.provider}`}
            </Typography>
          </Typography>
          {check.type === 'manual' && check.question && (
            <Typography variant="body2">{check.question}</Typography>
          )}
          <Typography variant="body2" color="textSecondary">
            {check.summary || pendingText(check)}
          </Typography>
          <Typography
            variant="caption"
            color="textSecondary"
            component="div"
            title={when ? formatTime(when) : undefined}
          >
            {check.type === 'manual' ? 'Last answered ' : 'Last evaluated '}
            {formatRelative(when)}
          </Typography>
        </Box>
        <Box className={classes.actions}>
          {check.type === 'automated' && (
            <Button
              size="small"
              onClick={() => actions.onRerun(check)}
              disabled={actions.rerunning !== undefined}
              aria-label={`Re-run ${check.title}`}
            >
              {actions.rerunning === check.checkId ? 'Running…' : 'Re-run'}
            </Button>
          )}
          {check.type === 'manual' && (
            <Button
              size="small"
              color="primary"
              onClick={() => actions.onAnswer(check)}
              aria-label={`Answer ${check.title}`}
            >
              Answer
            </Button>
          )}
          {waivable && (
            <Button
              size="small"
              onClick={() => actions.onWaive(check)}
              aria-label={`Waive ${check.title}`}
            >
              Waive
            </Button>
          )}
          <IconButton
            size="small"
            aria-label={`${expanded ? 'Hide' : 'Show'} the evidence of ${
              check.title
            }`}
            aria-expanded={expanded}
            onClick={() => setExpanded(e => !e)}
          >
            {expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          </IconButton>
        </Box>
      </Box>
      <Collapse in={expanded} unmountOnExit>
        <Box className={classes.details}>
          <CheckEvidence reviewId={reviewId} check={check} />
        </Box>
      </Collapse>
    </Box>
  );
}
