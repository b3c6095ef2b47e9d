import {
  Box,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  formatVersion,
  type DeploymentRecord,
} from '@vigil/backstage-plugin-deployments-common';
import {
  durationBetween,
  formatDuration,
  formatTimestamp,
  NONE,
  shortSha,
} from '../lib/format';

const useStyles = makeStyles(theme => ({
  failed: { color: theme.palette.error.main, fontWeight: 'bold' },
  ok: { color: theme.palette.success.main },
  detail: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  // Short columns never break mid-word; the last one (detail) wraps.
  table: {
    '& th, & td': { whiteSpace: 'nowrap' },
    '& td:last-child': {
      whiteSpace: 'pre-wrap',
      overflowWrap: 'anywhere',
      minWidth: 240,
    },
  },
}));

/** Why it failed or was rolled back: the reason, and each failed step's and check's detail. */
export function failureDetails(record: DeploymentRecord): string[] {
  if (record.outcome !== 'failed' && record.outcome !== 'rolled_back') {
    return [];
  }
  const details: string[] = [];
  if (record.reason) details.push(record.reason);
  for (const step of record.steps) {
    if (step.status === 'failed') {
      details.push(`${step.name}: ${step.detail ?? 'failed'}`);
    }
  }
  for (const check of record.smoke) {
    if (!check.ok) {
      details.push(
        `Smoke check ${check.name} on ${check.target}: ${
          check.detail ?? 'failed'
        }`,
      );
    }
  }
  return details;
}

/** One release's steps as the CLI ran them, its smoke checks and what went wrong. */
export function ReleaseDetails(props: { record: DeploymentRecord }) {
  const classes = useStyles();
  const { record } = props;
  const failures = failureDetails(record);
  return (
    <Box py={1} data-testid={`release-details-${record.id}`}>
      {failures.length > 0 && (
        <Box mb={2}>
          <Alert
            severity={record.outcome === 'failed' ? 'error' : 'warning'}
            data-testid="release-failure"
          >
            {failures.map(text => (
              <div key={text} className={classes.detail}>
                {text}
              </div>
            ))}
          </Alert>
        </Box>
      )}
      <Typography variant="body2" gutterBottom>
        {record.previous
          ? `From ${formatVersion(record.previous.version)} (${shortSha(
              record.previous.commit,
            )}) to ${formatVersion(record.release.version)}`
          : `Release ${formatVersion(record.release.version)}`}
        {record.fromColor && record.toColor
          ? `, ${record.fromColor} → ${record.toColor}`
          : ''}
        {record.release.ref ? `, ref ${record.release.ref}` : ''}
        {record.release.dirty ? ', built with uncommitted changes' : ''}
        {record.trafficSwitchedAt
          ? `; traffic switched ${formatTimestamp(record.trafficSwitchedAt)}`
          : '; traffic did not switch'}
        .
      </Typography>
      <Typography variant="subtitle2">Steps</Typography>
      {record.steps.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No steps recorded.
        </Typography>
      ) : (
        <Table size="small" aria-label="Steps" className={classes.table}>
          <TableHead>
            <TableRow>
              <TableCell>Step</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Started</TableCell>
              <TableCell>Took</TableCell>
              <TableCell>Detail</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {record.steps.map((step, index) => {
              const took = durationBetween(step.startedAt, step.finishedAt);
              return (
                <TableRow key={`${step.name}-${index}`}>
                  <TableCell>{step.name}</TableCell>
                  <TableCell
                    className={
                      step.status === 'failed' ? classes.failed : undefined
                    }
                  >
                    {step.status}
                  </TableCell>
                  <TableCell>{formatTimestamp(step.startedAt)}</TableCell>
                  <TableCell>
                    {took === undefined ? NONE : formatDuration(took)}
                  </TableCell>
                  <TableCell>{step.detail ?? NONE}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <Box mt={2}>
        <Typography variant="subtitle2">Smoke checks</Typography>
        {record.smoke.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No smoke checks recorded.
          </Typography>
        ) : (
          <Table
            size="small"
            aria-label="Smoke checks"
            className={classes.table}
          >
            <TableHead>
              <TableRow>
                <TableCell>Check</TableCell>
                <TableCell>Target</TableCell>
                <TableCell>Result</TableCell>
                <TableCell>At</TableCell>
                <TableCell>Took</TableCell>
                <TableCell>Detail</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {record.smoke.map((check, index) => (
                <TableRow key={`${check.name}-${check.at}-${index}`}>
                  <TableCell>{check.name}</TableCell>
                  <TableCell>{check.target}</TableCell>
                  <TableCell className={check.ok ? classes.ok : classes.failed}>
                    {check.ok ? 'passed' : 'failed'}
                  </TableCell>
                  <TableCell>{formatTimestamp(check.at)}</TableCell>
                  <TableCell>{formatDuration(check.durationMs)}</TableCell>
                  <TableCell>{check.detail ?? NONE}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </Box>
  );
}
