import { Link } from '@backstage/core-components';
import {
  addLinkRequestSchema,
  addNoteRequestSchema,
  alertRunbookUrl,
} from '@vigil/backstage-plugin-incidents-common';
import {
  Box,
  Button,
  Chip,
  makeStyles,
  TextField,
  Tooltip,
  Typography,
} from '@material-ui/core';
import {
  Timeline,
  TimelineConnector,
  TimelineContent,
  TimelineDot,
  TimelineItem,
  TimelineOppositeContent,
  TimelineSeparator,
} from '@material-ui/lab';
import AssignmentIndIcon from '@material-ui/icons/AssignmentInd';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import DescriptionIcon from '@material-ui/icons/Description';
import DoneAllIcon from '@material-ui/icons/DoneAll';
import LinkIcon from '@material-ui/icons/Link';
import NotesIcon from '@material-ui/icons/Notes';
import NotificationsActiveIcon from '@material-ui/icons/NotificationsActive';
import SwapVertIcon from '@material-ui/icons/SwapVert';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import WarningIcon from '@material-ui/icons/Warning';
import { DateTime } from 'luxon';
import { FormEvent, ReactNode, useState } from 'react';
import type { AddLinkRequest, TimelineEntry } from '../../api/types';
import {
  formatRelative,
  formatTimestamp,
  ROLE_LABELS,
  STATUS_LABELS,
} from '../../lib/format';
import { EntityRefText } from '../EntityRefs';
import { Markdown } from '../Markdown';

const useStyles = makeStyles(theme => ({
  timeline: { padding: 0, margin: 0 },
  time: {
    flex: '0 0 96px',
    paddingLeft: 0,
    color: theme.palette.text.secondary,
  },
  labels: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(0.5),
  },
}));

/** Only http(s) URLs become links; anything else could run script. */
export function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

type DotColor = 'grey' | 'inherit' | 'primary' | 'secondary';

interface Rendered {
  icon: ReactNode;
  color: DotColor;
  body: ReactNode;
  /** The body already names the actor: no "by …" line under it. */
  namesActor?: boolean;
}

function AlertLabels(props: { labels: Record<string, string> }) {
  const classes = useStyles();
  const entries = Object.entries(props.labels);
  if (entries.length === 0) return null;
  return (
    <div className={classes.labels}>
      {entries.map(([key, value]) => (
        <Chip
          key={key}
          size="small"
          variant="outlined"
          label={`${key}=${value}`}
        />
      ))}
    </div>
  );
}

/** What an event says, per type. */
function renderEvent(entry: TimelineEntry, postmortemLink: string): Rendered {
  switch (entry.type) {
    case 'status_changed':
      return {
        icon: <SwapVertIcon fontSize="small" />,
        color:
          entry.to === 'resolved' || entry.to === 'closed'
            ? 'primary'
            : 'secondary',
        body: (
          <>
            Status changed from <strong>{STATUS_LABELS[entry.from]}</strong> to{' '}
            <strong>{STATUS_LABELS[entry.to]}</strong>
          </>
        ),
      };
    case 'severity_changed':
      return {
        icon: <TrendingUpIcon fontSize="small" />,
        color: 'secondary',
        body: (
          <>
            Severity changed from <strong>{entry.from}</strong> to{' '}
            <strong>{entry.to}</strong>
          </>
        ),
      };
    case 'role_assigned':
      return {
        icon: <AssignmentIndIcon fontSize="small" />,
        color: 'grey',
        body: (
          <>
            <EntityRefText entityRef={entry.assignee} /> assigned as{' '}
            {ROLE_LABELS[entry.role]}
            {entry.previous && (
              <>
                {' '}
                (replacing <EntityRefText entityRef={entry.previous} />)
              </>
            )}
          </>
        ),
      };
    case 'role_unassigned':
      return {
        icon: <AssignmentIndIcon fontSize="small" />,
        color: 'grey',
        body: (
          <>
            <EntityRefText entityRef={entry.previous} /> unassigned as{' '}
            {ROLE_LABELS[entry.role]}
          </>
        ),
      };
    case 'note':
      return {
        icon: <NotesIcon fontSize="small" />,
        color: 'grey',
        body: <Markdown text={entry.text} />,
      };
    case 'alert_attached':
      return {
        icon: <NotificationsActiveIcon fontSize="small" />,
        color: 'secondary',
        body: (
          <>
            Alert <strong>{entry.alertName ?? entry.fingerprint}</strong> firing
            since {formatTimestamp(entry.startsAt)}
            {entry.generatorURL && isHttpUrl(entry.generatorURL) && (
              <>
                {' · '}
                <Link to={entry.generatorURL}>Prometheus</Link>
              </>
            )}
            {alertRunbookUrl(entry.annotations) && (
              <>
                {' · '}
                <Link to={alertRunbookUrl(entry.annotations)!}>runbook</Link>
              </>
            )}
            <AlertLabels labels={entry.labels ?? {}} />
          </>
        ),
      };
    case 'alert_resolved':
      return {
        icon: <CheckCircleIcon fontSize="small" />,
        color: 'primary',
        body: (
          <>
            Alert <strong>{entry.alertName ?? entry.fingerprint}</strong>{' '}
            resolved at {formatTimestamp(entry.endsAt)}
          </>
        ),
      };
    case 'acknowledged':
      return {
        icon: <DoneAllIcon fontSize="small" />,
        color: 'primary',
        body: (
          <>
            Acknowledged by <EntityRefText entityRef={entry.actor} />
          </>
        ),
        namesActor: true,
      };
    case 'paged':
      return {
        icon: <NotificationsActiveIcon fontSize="small" />,
        color: 'secondary',
        body: (
          <>
            Paged{' '}
            {entry.userRefs.map((ref, i) => (
              <span key={ref}>
                {i > 0 && ', '}
                <EntityRefText entityRef={ref} />
              </span>
            ))}
            {entry.policyName && (
              <>
                {' '}
                ({entry.policyName}, step {entry.stepIndex + 1})
              </>
            )}
          </>
        ),
      };
    case 'paging_unavailable':
      return {
        icon: <WarningIcon fontSize="small" />,
        color: 'secondary',
        body: <>Nobody was paged: {entry.message}</>,
      };
    case 'alerts_truncated':
      return {
        icon: <WarningIcon fontSize="small" />,
        color: 'secondary',
        body: (
          <>
            Alertmanager truncated{' '}
            <strong>
              {entry.truncatedAlerts}{' '}
              {entry.truncatedAlerts === 1 ? 'alert' : 'alerts'}
            </strong>{' '}
            of this group (received {entry.receivedAlerts})
          </>
        ),
      };
    case 'link':
      return {
        icon: <LinkIcon fontSize="small" />,
        color: 'grey',
        body: (
          <>
            Link added:{' '}
            {isHttpUrl(entry.url) ? (
              <Link to={entry.url}>{entry.title || entry.url}</Link>
            ) : (
              <>
                {entry.title ? `${entry.title} ` : ''}
                <code>{entry.url}</code>
              </>
            )}
          </>
        ),
      };
    case 'postmortem_created':
      return {
        icon: <DescriptionIcon fontSize="small" />,
        color: 'grey',
        body: (
          <>
            <Link to={postmortemLink}>Postmortem</Link> created
          </>
        ),
      };
    case 'postmortem_published':
      return {
        icon: <DescriptionIcon fontSize="small" />,
        color: 'primary',
        body: (
          <>
            <Link to={postmortemLink}>Postmortem</Link> published
          </>
        ),
      };
    default: {
      // A type this UI does not know yet (newer backend): show it plainly.
      const unknown = entry as { type: string };
      return {
        icon: <NotesIcon fontSize="small" />,
        color: 'grey',
        body: <>{unknown.type.replace(/_/g, ' ')}</>,
      };
    }
  }
}

/** The incident's timeline, oldest first (a log; new entries at the bottom). */
export function IncidentTimeline(props: {
  timeline: TimelineEntry[];
  postmortemLink: string;
}) {
  const classes = useStyles();
  if (props.timeline.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Nothing recorded yet.
      </Typography>
    );
  }
  const entries = [...props.timeline].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id - b.id,
  );
  const today = DateTime.now().toISODate();
  return (
    <Timeline className={classes.timeline} aria-label="Incident timeline">
      {entries.map((entry, index) => {
        const rendered = renderEvent(entry, props.postmortemLink);
        const time = DateTime.fromISO(entry.at);
        const sameDay = time.isValid && time.toISODate() === today;
        return (
          <TimelineItem key={entry.id} data-testid={`timeline-${entry.type}`}>
            <TimelineOppositeContent className={classes.time}>
              <Tooltip
                title={`${formatTimestamp(entry.at)} (${formatRelative(
                  entry.at,
                )})`}
              >
                <Typography
                  variant="caption"
                  component="time"
                  dateTime={entry.at}
                >
                  {time.isValid
                    ? time.toFormat(sameDay ? 'HH:mm:ss' : 'LLL d, HH:mm')
                    : entry.at}
                </Typography>
              </Tooltip>
            </TimelineOppositeContent>
            <TimelineSeparator>
              <TimelineDot color={rendered.color}>{rendered.icon}</TimelineDot>
              {index < entries.length - 1 && <TimelineConnector />}
            </TimelineSeparator>
            <TimelineContent>
              <Typography variant="body2" component="div">
                {rendered.body}
              </Typography>
              {!rendered.namesActor && (
                <Typography variant="caption" color="textSecondary">
                  by <EntityRefText entityRef={entry.actor} />
                </Typography>
              )}
            </TimelineContent>
          </TimelineItem>
        );
      })}
    </Timeline>
  );
}

/** Adds a note to the timeline. */
export function AddNoteForm(props: {
  onAdd: (text: string) => Promise<string | undefined>;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const parsed = addNoteRequestSchema.safeParse({ text });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setBusy(true);
    const failure = await props.onAdd(parsed.data.text);
    setBusy(false);
    if (failure) setError(failure);
    else setText('');
  };

  return (
    <form onSubmit={submit} noValidate>
      <TextField
        fullWidth
        multiline
        minRows={2}
        variant="outlined"
        id="incident-note"
        label="Add a note"
        placeholder="What did you see or do? Markdown; Ctrl+Enter adds it."
        value={text}
        error={Boolean(error)}
        helperText={error}
        onChange={e => {
          setText(e.target.value);
          setError(undefined);
        }}
        onKeyDown={e => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
        }}
      />
      <Box mt={1} display="flex" justifyContent="flex-end">
        <Button
          type="submit"
          color="primary"
          variant="contained"
          disabled={busy}
        >
          Add note
        </Button>
      </Box>
    </form>
  );
}

/** Adds a link (dashboard, ticket, chat thread) to the timeline. */
export function AddLinkForm(props: {
  onAdd: (link: AddLinkRequest) => Promise<string | undefined>;
}) {
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = addLinkRequestSchema.safeParse({
      url: url.trim(),
      ...(title.trim() ? { title: title.trim() } : {}),
    });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setBusy(true);
    const failure = await props.onAdd(parsed.data);
    setBusy(false);
    if (failure) {
      setError(failure);
    } else {
      setUrl('');
      setTitle('');
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        <TextField
          size="small"
          variant="outlined"
          id="incident-link-url"
          label="Link URL"
          placeholder="https://…"
          value={url}
          error={Boolean(error)}
          helperText={error}
          style={{ flex: '2 1 240px' }}
          onChange={e => {
            setUrl(e.target.value);
            setError(undefined);
          }}
        />
        <TextField
          size="small"
          variant="outlined"
          id="incident-link-title"
          label="Link title"
          placeholder="Dashboard, ticket, chat thread…"
          value={title}
          style={{ flex: '1 1 160px' }}
          onChange={e => setTitle(e.target.value)}
        />
        <Button type="submit" variant="outlined" disabled={busy}>
          Add link
        </Button>
      </Box>
    </form>
  );
}
