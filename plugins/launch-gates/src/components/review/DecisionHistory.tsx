import { InfoCard } from '@backstage/core-components';
import { HelpIcon } from '@vigil/frontend-kit';
import {
  Box,
  Button,
  Collapse,
  makeStyles,
  Typography,
} from '@material-ui/core';
import type {
  ReviewDetail,
  ReviewEvent,
  SignOff,
  Waiver,
} from '@vigil/backstage-plugin-launch-gates-common';
import { useState } from 'react';
import { formatTime, shortRef } from '../../lib/format';

const useStyles = makeStyles(theme => ({
  entry: {
    padding: theme.spacing(1, 0),
    '&:not(:last-child)': {
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
  },
}));

type Decision =
  | { kind: 'sign-off'; at: string; signOff: SignOff }
  | { kind: 'waiver'; at: string; waiver: Waiver };

/** Sign-offs and waivers in one list, newest first. */
export function decisionsOf(review: ReviewDetail): Decision[] {
  return [
    ...review.signOffs.map(
      (signOff): Decision => ({
        kind: 'sign-off',
        at: signOff.signedAt,
        signOff,
      }),
    ),
    ...review.waivers.map(
      (waiver): Decision => ({ kind: 'waiver', at: waiver.createdAt, waiver }),
    ),
  ].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** An event in words. */
export function describeEvent(event: ReviewEvent): string {
  const data = event.data as Record<string, string | undefined>;
  switch (event.type) {
    case 'opened':
      return 'opened the review';
    case 'edited':
      return 'edited the review';
    case 'check-changed':
      return `${data.checkId ?? 'a check'}: ${data.from ?? '?'} → ${
        data.to ?? '?'
      }`;
    case 'answered':
      return `answered ${data.checkId ?? 'a check'}${
        data.answer ? ` (${data.answer})` : ''
      }`;
    case 'waived':
      return `waived ${data.checkId ?? 'a check'}`;
    case 'waiver-expired':
      return `the waiver of ${data.checkId ?? 'a check'} expired`;
    case 'signed':
      return `signed ${data.decision === 'no-go' ? 'No-Go' : 'Go'}`;
    case 'reopened':
      return 'the review reopened';
    default:
      return event.type;
  }
}

function DecisionEntry(props: { decision: Decision }) {
  const classes = useStyles();
  const { decision } = props;
  if (decision.kind === 'sign-off') {
    const s = decision.signOff;
    return (
      <Box className={classes.entry} data-testid="decision">
        <Typography variant="body2">
          <strong>{s.decision === 'go' ? 'Go' : 'No-Go'}</strong> signed by{' '}
          {shortRef(s.signedBy)}, {formatTime(s.signedAt)}
        </Typography>
        <Typography variant="body2">{s.comment}</Typography>
        <Typography
          variant="caption"
          color="textSecondary"
          title={s.evidenceHash}
        >
          Evidence sha256 {s.evidenceHash.slice(0, 12)}…
          {s.waiverIds.length > 0 &&
            ` · ${s.waiverIds.length} waiver${
              s.waiverIds.length === 1 ? '' : 's'
            } in force`}
        </Typography>
      </Box>
    );
  }
  const w = decision.waiver;
  return (
    <Box className={classes.entry} data-testid="decision">
      <Typography variant="body2">
        <strong>Waiver</strong> of {w.checkId} by {shortRef(w.createdBy)},{' '}
        {formatTime(w.createdAt)}
        {w.expired
          ? ` · expired ${formatTime(w.expiresAt)}`
          : ` · until ${formatTime(w.expiresAt)}`}
      </Typography>
      <Typography variant="body2">{w.reason}</Typography>
    </Box>
  );
}

/**
 * The review's decisions (sign-offs and waivers, newest first; each
 * append-only) and, on demand, every event of its history.
 */
export function DecisionHistory(props: { review: ReviewDetail }) {
  const { review } = props;
  const [showEvents, setShowEvents] = useState(false);
  const decisions = decisionsOf(review);
  const events = [...review.events].sort(
    (a, b) => Date.parse(b.at) - Date.parse(a.at),
  );
  return (
    <InfoCard title="Decision history" action={<HelpIcon topic="waiver" />}>
      <Box data-testid="decision-history">
        {decisions.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No sign-offs or waivers yet.
          </Typography>
        ) : (
          decisions.map(d => (
            <DecisionEntry
              key={`${d.kind}-${
                d.kind === 'sign-off' ? d.signOff.id : d.waiver.id
              }`}
              decision={d}
            />
          ))
        )}
        <Box mt={1}>
          <Button
            size="small"
            aria-expanded={showEvents}
            onClick={() => setShowEvents(s => !s)}
          >
            {showEvents ? 'Hide events' : `Show all events (${events.length})`}
          </Button>
        </Box>
        <Collapse in={showEvents} unmountOnExit>
          <ul aria-label="Events">
            {events.map(e => (
              <li key={e.id}>
                <Typography variant="caption">
                  {formatTime(e.at)} · {shortRef(e.actor)} {describeEvent(e)}
                </Typography>
              </li>
            ))}
          </ul>
        </Collapse>
      </Box>
    </InfoCard>
  );
}
