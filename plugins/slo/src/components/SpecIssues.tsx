import type { Entity } from '@backstage/catalog-model';
import { Box, Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import type { SpecIssue } from '../api/types';
import { displaySpecLocation } from '../lib/specLocation';
import { SpecLocation } from './SpecLocation';

/** The problem, or the message with the source in it shortened as shown. */
function problemText(issue: SpecIssue, entity?: Entity): string {
  if (issue.problem) return issue.problem;
  const shown = displaySpecLocation(issue.source, entity);
  return issue.source && shown !== issue.source
    ? issue.message.split(issue.source).join(shown)
    : issue.message;
}

function IssueList(props: { issues: SpecIssue[]; entity?: Entity }) {
  const { entity } = props;
  return (
    <Box component="ul" m={0} pl={2}>
      {props.issues.map(issue => (
        <li key={`${issue.source}:${issue.documentIndex}:${issue.message}`}>
          <Typography variant="body2" component="span">
            <strong>
              <SpecLocation location={issue.source} entity={entity} />
            </strong>
            {issue.documentIndex !== undefined
              ? ` (document ${issue.documentIndex + 1})`
              : ''}
            {issue.slo ? `, SLO "${issue.slo}"` : ''}
            {issue.service && !issue.slo
              ? `, service "${issue.service}"`
              : ''}: {problemText(issue, entity)}
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
  /** The entity, to show absolute spec paths relative to its source. */
  entity?: Entity;
}) {
  const { errors, warnings, entity } = props;
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
            <IssueList issues={errors} entity={entity} />
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
            <IssueList issues={warnings} entity={entity} />
          </Alert>
        </Box>
      )}
    </>
  );
}
