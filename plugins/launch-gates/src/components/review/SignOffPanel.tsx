import { InfoCard } from '@backstage/core-components';
import { HelpIcon, ReportProblemButton } from '@vigil/frontend-kit';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  CircularProgress,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  claimsInclude,
  createSignOffRequestSchema,
  ReviewDetail,
} from '@vigil/backstage-plugin-launch-gates-common';
import { useState } from 'react';
import { launchGatesApiRef } from '../../api/LaunchGatesApi';
import { problemOf } from '../../lib/errors';
import { formatTime, shortRef, STATUS_LABELS } from '../../lib/format';
import { useOwnershipRefs } from '../../lib/useOwnershipRefs';
import { ReviewStateChip } from '../StatusChip';

/** The blocking checks that stand in the way of a Go, named. */
export function describeBlockers(review: ReviewDetail) {
  const checks = new Map(
    review.gates.flatMap(g => g.checks).map(c => [c.checkId, c]),
  );
  return review.blockers.map(checkId => {
    const check = checks.get(checkId);
    return {
      checkId,
      title: check?.title ?? checkId,
      status: check ? STATUS_LABELS[check.effectiveStatus] : 'unknown',
    };
  });
}

/**
 * The product owner's sign-off: who may sign, the decision so far, and Go
 * or No-Go with a comment. Go is disabled while blocking checks neither pass
 * nor are waived, and names them; No-Go is always possible. The sign-off
 * carries the evidence hash of the review as loaded, so the backend refuses
 * it (409) when the evidence changed meanwhile; its refusals are shown as
 * it says them.
 */
export function SignOffPanel(props: {
  review: ReviewDetail;
  onSigned: (review: ReviewDetail) => void;
  onReload: () => void;
}) {
  const { review, onSigned, onReload } = props;
  const api = useApi(launchGatesApiRef);
  const claims = useOwnershipRefs();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string>();
  const [submitError, setSubmitError] = useState<{
    message: string;
    conflict: boolean;
    error: unknown;
  }>();
  const [submitting, setSubmitting] = useState<'go' | 'no-go'>();

  const blockers = describeBlockers(review);
  const maySign =
    claims === undefined
      ? undefined
      : claimsInclude(claims, review.productOwners);
  const latest = review.latestSignOff;

  const sign = async (decision: 'go' | 'no-go') => {
    const parsed = createSignOffRequestSchema.safeParse({
      decision,
      comment: comment.trim(),
      evidenceHash: review.evidenceHash,
    });
    if (!parsed.success) {
      setCommentError(
        parsed.error.issues.find(i => i.path[0] === 'comment')?.message ??
          parsed.error.issues[0].message,
      );
      return;
    }
    setSubmitting(decision);
    setSubmitError(undefined);
    try {
      onSigned(await api.signOff(review.id, parsed.data));
      setComment('');
    } catch (e) {
      setSubmitError({
        message: problemOf(e),
        conflict: (e as { statusCode?: number }).statusCode === 409,
        error: e,
      });
    } finally {
      setSubmitting(undefined);
    }
  };

  return (
    <InfoCard title="Sign-off" action={<HelpIcon topic="launch-sign-off" />}>
      <Box data-testid="sign-off-panel">
        <Typography variant="body2" data-testid="signers">
          Who may sign:{' '}
          {review.productOwners.length > 0
            ? review.productOwners.map(shortRef).join(', ')
            : 'nobody (the entity names no product owner)'}
          {maySign === true && ' (you may sign)'}
          {maySign === false && ' (you are not one of them)'}
        </Typography>
        <Box display="flex" alignItems="center" my={1} style={{ gap: 8 }}>
          <ReviewStateChip state={review.state} />
          <Typography variant="body2" color="textSecondary">
            {latest
              ? `${
                  latest.decision === 'go' ? 'Go' : 'No-Go'
                } signed by ${shortRef(latest.signedBy)}, ${formatTime(
                  latest.signedAt,
                )}`
              : 'No decision yet'}
          </Typography>
        </Box>
        {blockers.length > 0 && (
          <Box my={1}>
            <Alert severity="warning" data-testid="go-blockers">
              Go is blocked until these blocking checks pass or are waived:
              <ul>
                {blockers.map(b => (
                  <li
                    key={b.checkId}
                    data-testid="blocker"
                    data-check-id={b.checkId}
                  >
                    {b.title} ({b.checkId}): {b.status}
                  </li>
                ))}
              </ul>
            </Alert>
          </Box>
        )}
        {submitError && (
          <Box my={1}>
            <Alert
              severity="error"
              action={
                submitError.conflict ? (
                  <Button color="inherit" size="small" onClick={onReload}>
                    Reload
                  </Button>
                ) : (
                  <ReportProblemButton
                    error={submitError.error}
                    entityRef={review.entityRef}
                    variant="text"
                  />
                )
              }
            >
              {submitError.message}
            </Alert>
          </Box>
        )}
        <TextField
          fullWidth
          required
          multiline
          minRows={2}
          margin="dense"
          variant="outlined"
          id="sign-off-comment"
          label="Decision comment"
          value={comment}
          onChange={e => {
            setComment(e.target.value);
            setCommentError(undefined);
          }}
          error={Boolean(commentError)}
          helperText={commentError}
        />
        <Box display="flex" mt={1} style={{ gap: 8 }}>
          <Button
            variant="contained"
            color="primary"
            disabled={blockers.length > 0 || submitting !== undefined}
            onClick={() => sign('go')}
            startIcon={
              submitting === 'go' ? <CircularProgress size={16} /> : undefined
            }
          >
            Sign Go
          </Button>
          <Button
            variant="outlined"
            disabled={submitting !== undefined}
            onClick={() => sign('no-go')}
            startIcon={
              submitting === 'no-go' ? (
                <CircularProgress size={16} />
              ) : undefined
            }
          >
            Sign No-Go
          </Button>
        </Box>
        <Typography
          variant="caption"
          color="textSecondary"
          component="div"
          title={review.evidenceHash}
        >
          Signing records the evidence you see (sha256{' '}
          {review.evidenceHash.slice(0, 12)}…).
        </Typography>
      </Box>
    </InfoCard>
  );
}
