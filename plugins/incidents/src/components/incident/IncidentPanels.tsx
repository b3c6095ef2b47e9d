import { InfoCard, Link, LinkButton } from '@backstage/core-components';
import { FailedRequestAlert, HelpIcon } from '@vigil/frontend-kit';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Chip,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@material-ui/core';
import { ReactNode, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  alertRunbookUrl,
  isOpenStatus,
} from '@vigil/backstage-plugin-incidents-common';
import { incidentsApiRef } from '../../api/IncidentsApi';
import { errorMessage, isConflictError } from '../../api/errors';
import type {
  IncidentAlert,
  IncidentDetails,
  PostmortemDetails,
} from '../../api/types';
import {
  formatElapsed,
  formatRelative,
  formatTimestamp,
  NONE,
  POSTMORTEM_STATE_LABELS,
} from '../../lib/format';
import {
  incidentLogsLink,
  useEntityPageLinks,
  useIncidentLinks,
} from '../../lib/links';
import { PostmortemStateChip } from '../Chips';
import { EntityRefList, EntityRefText } from '../EntityRefs';
import { isHttpUrl } from './IncidentTimeline';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1),
    margin: 0,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0 },
  },
  mono: { fontFamily: 'monospace', fontSize: '0.85em' },
  labels: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  // A long label wraps at its word boundaries rather than being cut off.
  labelChip: { height: 'auto', maxWidth: '100%' },
  labelChipText: {
    whiteSpace: 'normal',
    overflowWrap: 'break-word',
    paddingTop: 2,
    paddingBottom: 2,
  },
  entity: {
    padding: theme.spacing(1, 0),
    '&:not(:last-child)': {
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
  },
  entityLinks: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(0.5),
  },
}));

/** When each lifecycle phase was reached, and how long after declaring. */
export function LifecyclePanel(props: { details: IncidentDetails }) {
  const classes = useStyles();
  const { incident } = props.details;
  const ts = incident.timestamps;
  const acknowledger = incident.acknowledgedBy;
  const rows: Array<[string, string | undefined, string]> = [
    ['Detected', ts.detectedAt, ''],
    ['Declared', ts.declaredAt, ''],
    ['Acknowledged', ts.acknowledgedAt, 'acknowledged'],
    ['Mitigated', ts.mitigatedAt, 'mitigated'],
    ['Resolved', ts.resolvedAt, 'resolved'],
    ['Closed', ts.closedAt, 'closed'],
  ];
  return (
    <InfoCard title="Lifecycle" action={<HelpIcon topic="incident-status" />}>
      <dl className={classes.facts} data-testid="incident-lifecycle">
        {rows.map(([label, at, phase]) => (
          <Box key={label} display="contents">
            <dt>{label}</dt>
            <dd>
              {at ? (
                <Tooltip title={formatRelative(at)}>
                  <span>{formatTimestamp(at)}</span>
                </Tooltip>
              ) : (
                <>
                  {phase === 'acknowledged' && isOpenStatus(incident.status)
                    ? 'Not acknowledged'
                    : NONE}
                </>
              )}
              {at && phase && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="span"
                >
                  {' '}
                  ({formatElapsed(ts.declaredAt, at)} after declared)
                </Typography>
              )}
              {at && phase === 'acknowledged' && acknowledger && (
                <Typography variant="caption" component="div">
                  by <EntityRefText entityRef={acknowledger} />
                </Typography>
              )}
            </dd>
          </Box>
        ))}
      </dl>
    </InfoCard>
  );
}

function AlertStatusChip(props: { status: IncidentAlert['status'] }) {
  return (
    <Chip
      size="small"
      color={props.status === 'firing' ? 'secondary' : 'default'}
      label={props.status}
    />
  );
}

/**
 * The alert table's columns. Each keeps a minimum width and does not wrap
 * (only the labels wrap, between labels and at word boundaries), so a narrow
 * card scrolls the table sideways instead of squeezing columns down to one
 * letter per line.
 */
export const ALERT_COLUMNS = [
  { title: 'Status', minWidth: 90 },
  { title: 'Name', minWidth: 200 },
  { title: 'Since', minWidth: 120 },
  { title: 'Ended', minWidth: 170 },
  { title: 'Source', minWidth: 100 },
  { title: 'Runbook', minWidth: 90 },
  { title: 'Labels', minWidth: 280, wrap: true },
  { title: 'Fingerprint', minWidth: 150 },
] as const;
const ALERT_TABLE_MIN_WIDTH = ALERT_COLUMNS.reduce(
  (sum, column) => sum + column.minWidth,
  0,
);

function AlertCell(props: {
  column: (typeof ALERT_COLUMNS)[number];
  className?: string;
  children: ReactNode;
}) {
  const { column } = props;
  return (
    <TableCell
      className={props.className}
      style={{
        minWidth: column.minWidth,
        whiteSpace: 'wrap' in column ? 'normal' : 'nowrap',
        verticalAlign: 'top',
      }}
    >
      {props.children}
    </TableCell>
  );
}

/** The Alertmanager alerts attached to the incident. */
export function AlertsPanel(props: { alerts: IncidentAlert[] }) {
  const classes = useStyles();
  const [status, name, since, ended, source, runbook, labels, fingerprint] =
    ALERT_COLUMNS;
  return (
    <InfoCard
      title={`Alerts (${props.alerts.length})`}
      action={<HelpIcon topic="burn-rate-alerts" />}
      noPadding
    >
      {props.alerts.length === 0 ? (
        <Box p={2}>
          <Typography variant="body2" color="textSecondary">
            No alerts are attached to this incident.
          </Typography>
        </Box>
      ) : (
        <Box style={{ overflowX: 'auto' }} data-testid="alerts-scroll">
          <Table
            size="small"
            aria-label="Alerts"
            style={{ minWidth: ALERT_TABLE_MIN_WIDTH }}
          >
            <TableHead>
              <TableRow>
                {ALERT_COLUMNS.map(column => (
                  <AlertCell key={column.title} column={column}>
                    {column.title}
                  </AlertCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {props.alerts.map(alert => {
                const runbookUrl = alertRunbookUrl(alert.annotations);
                return (
                  <TableRow key={alert.fingerprint}>
                    <AlertCell column={status}>
                      <AlertStatusChip status={alert.status} />
                    </AlertCell>
                    <AlertCell column={name}>
                      {alert.alertName ?? NONE}
                    </AlertCell>
                    <AlertCell column={since}>
                      <Tooltip title={formatTimestamp(alert.startsAt)}>
                        <span>{formatRelative(alert.startsAt)}</span>
                      </Tooltip>
                    </AlertCell>
                    <AlertCell column={ended}>
                      {alert.endsAt && alert.status === 'resolved'
                        ? formatTimestamp(alert.endsAt)
                        : NONE}
                    </AlertCell>
                    <AlertCell column={source}>
                      {alert.generatorURL && isHttpUrl(alert.generatorURL) ? (
                        <Link to={alert.generatorURL}>Prometheus</Link>
                      ) : (
                        NONE
                      )}
                    </AlertCell>
                    <AlertCell column={runbook}>
                      {runbookUrl ? <Link to={runbookUrl}>Runbook</Link> : NONE}
                    </AlertCell>
                    <AlertCell column={labels}>
                      <div className={classes.labels}>
                        {Object.entries(alert.labels ?? {}).map(([k, v]) => (
                          <Chip
                            key={k}
                            size="small"
                            variant="outlined"
                            label={`${k}=${v}`}
                            classes={{
                              root: classes.labelChip,
                              label: classes.labelChipText,
                            }}
                          />
                        ))}
                      </div>
                    </AlertCell>
                    <AlertCell column={fingerprint} className={classes.mono}>
                      {alert.fingerprint}
                    </AlertCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Box>
      )}
    </InfoCard>
  );
}

/** Each affected entity with its catalog page, runbooks and SLOs. */
export function AffectedEntitiesPanel(props: { details: IncidentDetails }) {
  const classes = useStyles();
  const pageLinks = useEntityPageLinks();
  const { incident, ownerRefs } = props.details;
  return (
    <InfoCard title="Affected entities" action={<HelpIcon topic="incident" />}>
      {incident.entityRefs.map(ref => {
        const links = pageLinks(ref);
        return (
          <Box
            key={ref}
            className={classes.entity}
            data-testid="affected-entity"
          >
            <EntityRefText entityRef={ref} />
            {links && (
              <div className={classes.entityLinks}>
                <Link to={links.catalog}>Catalog</Link>
                <Link to={links.docs}>Runbooks</Link>
                <Link to={links.slos}>SLOs</Link>
                <Link
                  to={incidentLogsLink(links.logs, incident.timestamps)}
                  data-testid="affected-entity-logs"
                >
                  Logs
                </Link>
              </div>
            )}
          </Box>
        );
      })}
      {ownerRefs.length > 0 && (
        <Box mt={1}>
          <Typography variant="caption" color="textSecondary">
            Owners: <EntityRefList entityRefs={ownerRefs} />
          </Typography>
        </Box>
      )}
    </InfoCard>
  );
}

/** The postmortem: open it, or create it once the incident is resolved. */
export function PostmortemPanel(props: {
  details: IncidentDetails;
  /** Instead of navigating to the postmortem page (when already on it). */
  onOpen?: (postmortem: PostmortemDetails) => void;
}) {
  const { details, onOpen } = props;
  const { incident, postmortem, permissions } = details;
  const api = useApi(incidentsApiRef);
  const links = useIncidentLinks();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; error: unknown }>();
  const canCreate =
    permissions.update &&
    (incident.status === 'resolved' || incident.status === 'closed');

  const create = async () => {
    setBusy(true);
    setError(undefined);
    const open = (created: PostmortemDetails) =>
      onOpen ? onOpen(created) : navigate(links.postmortem(incident.id));
    try {
      open(await api.createPostmortem(incident.id));
    } catch (e) {
      // Someone created it first: open theirs.
      if (isConflictError<PostmortemDetails>(e)) {
        open(e.current);
      } else {
        setError({ message: errorMessage(e), error: e });
        setBusy(false);
      }
    }
  };

  let body;
  if (postmortem) {
    body = (
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <PostmortemStateChip state={postmortem.state} />
        <LinkButton
          to={links.postmortem(incident.id)}
          variant="outlined"
          color="primary"
        >
          Open postmortem (
          {POSTMORTEM_STATE_LABELS[postmortem.state].toLocaleLowerCase('en-US')}
          )
        </LinkButton>
      </Box>
    );
  } else if (canCreate) {
    body = (
      <>
        <Typography variant="body2" paragraph>
          Write down what happened and what to change, while it is fresh.
        </Typography>
        <Button
          variant="contained"
          color="primary"
          disabled={busy}
          onClick={create}
        >
          Create postmortem
        </Button>
      </>
    );
  } else {
    body = (
      <Typography variant="body2" color="textSecondary">
        {incident.status === 'resolved' || incident.status === 'closed'
          ? 'No postmortem has been written.'
          : 'A postmortem can be written once the incident is resolved.'}
      </Typography>
    );
  }

  return (
    <InfoCard title="Postmortem" action={<HelpIcon topic="postmortem" />}>
      {error && (
        <Box mb={1}>
          <FailedRequestAlert error={error.error}>
            {error.message}
          </FailedRequestAlert>
        </Box>
      )}
      {body}
    </InfoCard>
  );
}
