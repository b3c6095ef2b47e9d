import { InfoCard, Progress } from '@backstage/core-components';
import { HelpIcon, ReportableErrorPanel } from '@vigil/frontend-kit';
import {
  Box,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@material-ui/core';
import {
  formatVersion,
  type DeploymentRecord,
  type DrillResult,
} from '@vigil/backstage-plugin-deployments-common';
import { formatDuration, formatTimestamp, NONE } from '../lib/format';
import { OutcomeChip, VerdictChip } from './OutcomeChip';
import { useDrills } from './useDrills';

const useStyles = makeStyles(theme => ({
  missed: { color: theme.palette.error.main, fontWeight: 'bold' },
  // Figures never break mid-word; the RPO's explanation wraps.
  cells: { '& > td, & > th': { whiteSpace: 'nowrap' } },
  explanation: { whiteSpace: 'normal', minWidth: 200 },
}));

/** `4.2 s (target 30 s)`, in the error colour when the target was missed. */
function AgainstTarget(props: { ms: number; targetMs: number; met: boolean }) {
  const classes = useStyles();
  return (
    <span className={props.met ? undefined : classes.missed}>
      {formatDuration(props.ms)}
      <Typography variant="caption" color="textSecondary" component="span">
        {' '}
        (target {formatDuration(props.targetMs)})
      </Typography>
    </span>
  );
}

const detectionSignals = {
  smoke: 'smoke checks',
  'fast-burn': 'SLO fast burn',
} as const;

function DrillCells(props: { drill: DrillResult }) {
  const classes = useStyles();
  const { drill } = props;
  const { detection, rto, rpo } = drill;
  return (
    <>
      <TableCell>
        {formatVersion(drill.badRelease.version)} →{' '}
        {formatVersion(drill.goodRelease.version)}
      </TableCell>
      <TableCell>
        <Tooltip title={detection.detail}>
          {detection.signal === 'none' ? (
            // Nothing noticed the fault: the drill gave up and rolled back
            // by hand, so the time is how long it waited, not a detection.
            <Typography variant="body2" color="error">
              Not detected (gave up after{' '}
              {formatDuration(detection.detectionMs)})
            </Typography>
          ) : (
            <span>
              {formatDuration(detection.detectionMs)}{' '}
              <Typography variant="caption" color="textSecondary">
                by {detectionSignals[detection.signal]}
              </Typography>
            </span>
          )}
        </Tooltip>
      </TableCell>
      <TableCell data-testid="drill-rto">
        <AgainstTarget ms={rto.rtoMs} targetMs={rto.targetMs} met={rto.met} />
      </TableCell>
      <TableCell data-testid="drill-rpo">
        <AgainstTarget
          ms={rpo.windowMs}
          targetMs={rpo.targetMs}
          met={rpo.met}
        />
        <Typography
          variant="caption"
          color="textSecondary"
          component="div"
          className={classes.explanation}
        >
          {rpo.failedRequests} of {rpo.totalRequests} requests failed;{' '}
          {rpo.featureWrites.lost} of {rpo.featureWrites.acknowledged} feature
          writes lost
        </Typography>
      </TableCell>
      <TableCell>
        <VerdictChip passed={drill.passed} />
      </TableCell>
    </>
  );
}

/** Rollback drills with their measured detection time, RTO and RPO against target. */
export function DrillsTableView(props: { records: DeploymentRecord[] }) {
  const classes = useStyles();
  if (props.records.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No rollback drills yet. Run one with{' '}
        <code>yarn vigil-deploy drill</code> to measure RTO and RPO.
      </Typography>
    );
  }
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Rollback drills">
        <TableHead>
          <TableRow className={classes.cells}>
            <TableCell>Date</TableCell>
            <TableCell>Bad → good release</TableCell>
            <TableCell>Detection</TableCell>
            <TableCell>RTO</TableCell>
            <TableCell>RPO</TableCell>
            <TableCell>Result</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.records.map(record => (
            <TableRow
              key={record.id}
              className={classes.cells}
              data-testid="drill-row"
            >
              <TableCell>{formatTimestamp(record.startedAt)}</TableCell>
              {record.drill ? (
                <DrillCells drill={record.drill} />
              ) : (
                <>
                  <TableCell>{formatVersion(record.release.version)}</TableCell>
                  <TableCell colSpan={3} className={classes.explanation}>
                    <Typography variant="body2" color="textSecondary">
                      {record.outcome === 'in_progress'
                        ? 'Running: no result yet.'
                        : `No result recorded${
                            record.reason ? `: ${record.reason}` : ''
                          }.`}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    {record.outcome === 'in_progress' ? (
                      <OutcomeChip outcome={record.outcome} />
                    ) : (
                      NONE
                    )}
                  </TableCell>
                </>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** The entity's rollback drills card. */
export function DrillsTable(props: { entityRef: string }) {
  const { value, loading, error } = useDrills(props.entityRef);
  return (
    <InfoCard
      title="Rollback drills"
      action={<HelpIcon topic="rollback-drill" />}
      subheader="A broken release under load, detected and rolled back on its own"
    >
      {loading && <Progress />}
      {error && <ReportableErrorPanel error={error} />}
      {value && <DrillsTableView records={value.items} />}
    </InfoCard>
  );
}
