import { Progress } from '@backstage/core-components';
import { FailedRequestAlert, ReportableErrorPanel } from '@vigil/frontend-kit';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Grid } from '@material-ui/core';
import type {
  CheckResult,
  ReviewDetail,
} from '@vigil/backstage-plugin-launch-gates-common';
import { useCallback, useState } from 'react';
import { launchGatesApiRef } from '../../api/LaunchGatesApi';
import { problemOf } from '../../lib/errors';
import { AnswerCheckDialog } from './AnswerCheckDialog';
import { CheckActions } from './CheckRow';
import { DecisionHistory } from './DecisionHistory';
import { GateCard } from './GateCard';
import { ReviewHeader } from './ReviewHeader';
import { SignOffPanel } from './SignOffPanel';
import { useReview } from './useReview';
import { WaiverDialog } from './WaiverDialog';

/** Which check a re-run is for; `*` for all. */
const ALL_CHECKS = '*';

/**
 * One review: its header, its gates and checks (left), the sign-off panel
 * and the decision history (right), and the dialogs to answer and waive.
 * Every change answers the review as it is now, which replaces the shown
 * one; `onChanged` lets the list above refresh its states.
 */
export function ReviewView(props: {
  reviewId: string;
  onChanged?: (review: ReviewDetail) => void;
}) {
  const { reviewId, onChanged } = props;
  const api = useApi(launchGatesApiRef);
  const { review, error, polling, reload, replace } = useReview(reviewId);
  const [rerunning, setRerunning] = useState<string>();
  const [actionError, setActionError] = useState<{
    message: string;
    error: unknown;
  }>();
  const [answering, setAnswering] = useState<CheckResult>();
  const [waiving, setWaiving] = useState<CheckResult>();

  const changed = useCallback(
    (next: ReviewDetail) => {
      replace(next);
      onChanged?.(next);
    },
    [replace, onChanged],
  );

  const rerun = useCallback(
    async (checkId?: string) => {
      setRerunning(checkId ?? ALL_CHECKS);
      setActionError(undefined);
      try {
        changed(await api.evaluateReview(reviewId, checkId ? { checkId } : {}));
      } catch (e) {
        setActionError({ message: problemOf(e), error: e });
      } finally {
        setRerunning(undefined);
      }
    },
    [api, reviewId, changed],
  );

  if (error && !review) return <ReportableErrorPanel error={error} />;
  if (!review) return <Progress />;

  const actions: CheckActions = {
    onRerun: check => rerun(check.checkId),
    onAnswer: setAnswering,
    onWaive: setWaiving,
    rerunning,
  };

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ReviewHeader
          review={review}
          polling={polling}
          rerunning={rerunning !== undefined}
          onRerunAll={() => rerun()}
        />
        {actionError && (
          <Box mt={1}>
            <FailedRequestAlert
              error={actionError.error}
              entityRef={review.entityRef}
            >
              {actionError.message}
            </FailedRequestAlert>
          </Box>
        )}
      </Grid>
      <Grid item xs={12} md={8}>
        <Grid container spacing={2} direction="column" wrap="nowrap">
          {review.gates.map(gate => (
            <Grid item key={gate.id}>
              <GateCard reviewId={review.id} gate={gate} actions={actions} />
            </Grid>
          ))}
        </Grid>
      </Grid>
      <Grid item xs={12} md={4}>
        <Grid container spacing={2} direction="column" wrap="nowrap">
          <Grid item>
            <SignOffPanel
              review={review}
              onSigned={changed}
              onReload={reload}
            />
          </Grid>
          <Grid item>
            <DecisionHistory review={review} />
          </Grid>
        </Grid>
      </Grid>
      <AnswerCheckDialog
        review={review}
        check={answering}
        onClose={() => setAnswering(undefined)}
        onAnswered={next => {
          setAnswering(undefined);
          changed(next);
        }}
      />
      <WaiverDialog
        review={review}
        check={waiving}
        onClose={() => setWaiving(undefined)}
        onWaived={next => {
          setWaiving(undefined);
          changed(next);
        }}
      />
    </Grid>
  );
}
