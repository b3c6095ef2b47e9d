import { Box, Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import type { SpecIssue } from '../api/types';

function IssueList(props: { issues: SpecIssue[] }) {
  return (
    <Box component="ul" m={0} pl={2}>
      {props.issues.map(issue => (
        <li key={`${issue.source}:${issue.documentIndex}:${issue.message}`}>
          <Typography variant="body2" component="span">
            <strong>{issue.source}</strong>
            {issue.documentIndex !== undefined
              ? ` (document ${issue.documentIndex + 1})`
              : ''}
            {issue.slo ? `, SLO "${issue.slo}"` : ''}
            {issue.service && !issue.slo
              ? `, service "${issue.service}"`
              : ''}: {issue.problem || issue.message}
          </Typography>
        </li>
      ))}
    </Box>
  );
}

/** The spec's validation errors and warnings: file, SLO and what is wrong. */
export function SpecIssues(props: {
  errors: SpecIssue[];
  warnings: SpecIssue[];
}) {
  const { errors, warnings } = props;
  return (
    <>
      {errors.length > 0 && (
        <Box mb={2}>
          <Alert severity="error" data-testid="slo-spec-errors">
            <AlertTitle>
              The SLO spec has {errors.length}{' '}
              {errors.length === 1 ? 'error' : 'errors'}; the SLOs concerned are
              not evaluated
            </AlertTitle>
            <IssueList issues={errors} />
          </Alert>
        </Box>
      )}
      {warnings.length > 0 && (
        <Box mb={2}>
          <Alert severity="warning" data-testid="slo-spec-warnings">
            <AlertTitle>
              The SLO spec has {warnings.length}{' '}
              {warnings.length === 1 ? 'warning' : 'warnings'}
            </AlertTitle>
            <IssueList issues={warnings} />
          </Alert>
        </Box>
      )}
    </>
  );
}
