import { Link } from '@backstage/core-components';
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
import {
  CheckResult,
  describeCondition,
} from '@vigil/backstage-plugin-launch-gates-common';
import { formatMeasured, formatTime, shortRef } from '../../lib/format';
import { AttachmentLink } from './AttachmentLink';

const useStyles = makeStyles(theme => ({
  failed: { color: theme.palette.error.main, fontWeight: 600 },
  passed: { color: theme.palette.success.main },
  section: { marginTop: theme.spacing(1.5) },
}));

function verdict(passed: boolean | null) {
  if (passed === null) return 'unknown';
  return passed ? 'met' : 'missed';
}

/**
 * What a check's evaluation found: why it is unknown, each pass-rule
 * condition and its outcome, every measurement, the source links, the
 * manual answer and the waiver in force.
 */
export function CheckEvidence(props: { reviewId: string; check: CheckResult }) {
  const { reviewId, check } = props;
  const classes = useStyles();
  const evidence = check.evidence;
  const measurements = Object.entries(evidence?.measurements ?? {});
  return (
    <Box data-testid={`evidence-${check.checkId}`}>
      {check.description && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {check.description}
        </Typography>
      )}
      {evidence?.reason && (
        <Typography variant="body2" paragraph>
          <strong>Why unknown:</strong> {evidence.reason}
        </Typography>
      )}
      {evidence && evidence.outcomes.length > 0 && (
        <Table size="small" aria-label={`Pass rule of ${check.title}`}>
          <TableHead>
            <TableRow>
              <TableCell>Condition</TableCell>
              <TableCell>Actual</TableCell>
              <TableCell>Outcome</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {evidence.outcomes.map(outcome => (
              <TableRow key={`${outcome.measure}${outcome.op}`}>
                <TableCell>
                  {outcome.measure} {outcome.op} {String(outcome.target)}
                  {outcome.stretch !== undefined &&
                    ` (stretch ${outcome.stretch})`}
                </TableCell>
                <TableCell>{formatMeasured(outcome.actual)}</TableCell>
                <TableCell
                  className={
                    outcome.passed === null
                      ? undefined
                      : classes[outcome.passed ? 'passed' : 'failed']
                  }
                  title={describeCondition(outcome)}
                >
                  {verdict(outcome.passed)}
                  {outcome.stretchMet !== undefined &&
                    `; stretch ${verdict(outcome.stretchMet)}`}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {measurements.length > 0 && (
        <Box className={classes.section}>
          <Typography variant="subtitle2">Measurements</Typography>
          <Table size="small" aria-label={`Measurements of ${check.title}`}>
            <TableBody>
              {measurements.map(([name, value]) => (
                <TableRow key={name}>
                  <TableCell>{name}</TableCell>
                  <TableCell>{formatMeasured(value)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {evidence && evidence.links.length > 0 && (
        <Box className={classes.section}>
          <Typography variant="subtitle2">Sources</Typography>
          <ul>
            {evidence.links.map(link => (
              <li key={link.url}>
                <Link to={link.url}>{link.title}</Link>
              </li>
            ))}
          </ul>
        </Box>
      )}
      {evidence?.observedAt && (
        <Typography variant="caption" color="textSecondary" component="div">
          Source data from {formatTime(evidence.observedAt)}
        </Typography>
      )}
      {check.answer && (
        <Box className={classes.section} data-testid="check-answer">
          <Typography variant="subtitle2">Latest answer</Typography>
          <Typography variant="body2">
            <strong>{check.answer.answer === 'yes' ? 'Yes' : 'No'}</strong>
            {' by '}
            {shortRef(check.answer.answeredBy)},{' '}
            {formatTime(check.answer.answeredAt)}: {check.answer.comment}
          </Typography>
          {check.answer.link && (
            <Typography variant="body2">
              <Link to={check.answer.link}>{check.answer.link}</Link>
            </Typography>
          )}
          {check.answer.attachment && (
            <AttachmentLink
              reviewId={reviewId}
              attachment={check.answer.attachment}
            />
          )}
        </Box>
      )}
      {check.waiver && (
        <Box className={classes.section} data-testid="check-waiver">
          <Typography variant="subtitle2">Waiver</Typography>
          <Typography variant="body2">
            Waived by {shortRef(check.waiver.createdBy)} until{' '}
            {formatTime(check.waiver.expiresAt)}: {check.waiver.reason}
          </Typography>
        </Box>
      )}
      {!evidence && !check.answer && (
        <Typography variant="body2" color="textSecondary">
          {check.type === 'manual' ? 'Not answered yet.' : 'Not evaluated yet.'}
        </Typography>
      )}
    </Box>
  );
}
