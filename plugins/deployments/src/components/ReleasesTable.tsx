import { InfoCard, Progress } from '@backstage/core-components';
import { HelpIcon, ReportableErrorPanel } from '@vigil/frontend-kit';
import {
  Box,
  Collapse,
  IconButton,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@material-ui/core';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@material-ui/icons/KeyboardArrowRight';
import {
  formatVersion,
  type DeploymentRecord,
} from '@vigil/backstage-plugin-deployments-common';
import { Fragment, useState } from 'react';
import {
  durationBetween,
  formatDuration,
  formatRelative,
  formatTimestamp,
  NONE,
  shortSha,
} from '../lib/format';
import { OutcomeChip } from './OutcomeChip';
import { ReleaseDetails } from './ReleaseDetails';
import { RELEASES_SHOWN, useReleases } from './useReleases';

const COLUMNS = 8;

const useStyles = makeStyles({
  mono: { fontFamily: 'monospace' },
  // A version or a header never breaks mid-word; the table scrolls instead.
  cells: { '& > td, & > th': { whiteSpace: 'nowrap' } },
  // The expanded row's cell holds the details, not a row of data.
  detailsCell: { paddingTop: 0, paddingBottom: 0 },
});

/** The person at the keyboard, else whoever posted the record. */
export function whoOf(record: DeploymentRecord): string {
  return record.operator || record.recordedBy;
}

function ReleaseRow(props: { record: DeploymentRecord }) {
  const classes = useStyles();
  const { record } = props;
  const [open, setOpen] = useState(false);
  const took = durationBetween(record.startedAt, record.finishedAt);
  const version = formatVersion(record.release.version);
  return (
    <Fragment>
      <TableRow className={classes.cells} data-testid="release-row">
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-expanded={open}
            aria-label={`${open ? 'Hide' : 'Show'} the steps of ${version}`}
            onClick={() => setOpen(!open)}
          >
            {open ? <KeyboardArrowDownIcon /> : <KeyboardArrowRightIcon />}
          </IconButton>
        </TableCell>
        <TableCell>
          {version}
          {record.kind === 'rollback' && (
            <Typography variant="caption" color="textSecondary" component="div">
              rollback
            </Typography>
          )}
        </TableCell>
        <TableCell className={classes.mono}>
          <Tooltip title={record.release.commit}>
            <span>{shortSha(record.release.commit)}</span>
          </Tooltip>
        </TableCell>
        <TableCell>
          {whoOf(record)}
          {record.operator && record.operator !== record.recordedBy && (
            <Typography variant="caption" color="textSecondary" component="div">
              recorded by {record.recordedBy}
            </Typography>
          )}
        </TableCell>
        <TableCell>
          <Tooltip title={formatTimestamp(record.startedAt)}>
            <span>{formatRelative(record.startedAt)}</span>
          </Tooltip>
        </TableCell>
        <TableCell>
          {took === undefined ? NONE : formatDuration(took)}
        </TableCell>
        <TableCell>
          <OutcomeChip outcome={record.outcome} />
        </TableCell>
        <TableCell>{record.environment}</TableCell>
      </TableRow>
      <TableRow>
        <TableCell className={classes.detailsCell} colSpan={COLUMNS}>
          <Collapse in={open} timeout="auto" unmountOnExit>
            <ReleaseDetails record={record} />
          </Collapse>
        </TableCell>
      </TableRow>
    </Fragment>
  );
}

/** The releases and rollbacks of an entity, each with its steps and smoke checks. */
export function ReleasesTableView(props: {
  records: DeploymentRecord[];
  totalCount: number;
}) {
  const classes = useStyles();
  const { records, totalCount } = props;
  if (records.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No releases recorded yet. Deploy with{' '}
        <code>yarn vigil-deploy deploy</code>; each deploy and rollback shows
        here.
      </Typography>
    );
  }
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Releases">
        <TableHead>
          <TableRow className={classes.cells}>
            <TableCell padding="checkbox" />
            <TableCell>Version</TableCell>
            <TableCell>Commit</TableCell>
            <TableCell>Who</TableCell>
            <TableCell>When</TableCell>
            <TableCell>Duration</TableCell>
            <TableCell>Outcome</TableCell>
            <TableCell>Environment</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {records.map(record => (
            <ReleaseRow key={record.id} record={record} />
          ))}
        </TableBody>
      </Table>
      {totalCount > records.length && (
        <Box mt={1}>
          <Typography variant="caption" color="textSecondary">
            The newest {records.length} of {totalCount}.
          </Typography>
        </Box>
      )}
    </Box>
  );
}

/** The entity's releases card: the newest {@link RELEASES_SHOWN}. */
export function ReleasesTable(props: { entityRef: string }) {
  const { value, loading, error } = useReleases(props.entityRef);
  return (
    <InfoCard
      title="Releases"
      subheader="Deploys and rollbacks, newest first"
      action={<HelpIcon topic="deployments" />}
    >
      {loading && <Progress />}
      {error && <ReportableErrorPanel error={error} />}
      {value && (
        <ReleasesTableView
          records={value.items}
          totalCount={value.totalCount}
        />
      )}
    </InfoCard>
  );
}
