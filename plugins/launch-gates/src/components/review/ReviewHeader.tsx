import { InfoCard } from '@backstage/core-components';
import { HelpIcon } from '@vigil/frontend-kit';
import { Box, Button, LinearProgress, Typography } from '@material-ui/core';
import RefreshIcon from '@material-ui/icons/Refresh';
import type { ReviewDetail } from '@vigil/backstage-plugin-launch-gates-common';
import {
  formatDate,
  formatRelative,
  formatTime,
  shortRef,
} from '../../lib/format';
import { ReviewStateChip } from '../StatusChip';
import { ExportButtons } from './ExportButtons';

/**
 * The review at a glance: title, state, target date, template, counts,
 * when it was last evaluated; re-run every automated check; export.
 */
export function ReviewHeader(props: {
  review: ReviewDetail;
  polling: boolean;
  rerunning: boolean;
  onRerunAll: () => void;
}) {
  const { review, polling, rerunning, onRerunAll } = props;
  const { counts } = review;
  return (
    <InfoCard
      title={
        <Box display="flex" alignItems="center" style={{ gap: 12 }}>
          <span data-testid="review-title">{review.title}</span>
          <ReviewStateChip state={review.state} />
          <HelpIcon topic="launch-review" />
        </Box>
      }
      subheader={`Target launch ${formatDate(review.targetDate)} · template ${
        review.templateTitle
      } (${review.templateName}) · opened by ${shortRef(
        review.createdBy,
      )}, ${formatTime(review.createdAt)}`}
    >
      <Typography variant="body2" data-testid="review-counts">
        {counts.pass} pass · {counts.fail} fail · {counts.unknown} unknown ·{' '}
        {counts.pending} pending · {counts.waived} waived
      </Typography>
      <Typography
        variant="caption"
        color="textSecondary"
        component="div"
        title={formatTime(review.lastEvaluatedAt)}
      >
        Checks last evaluated {formatRelative(review.lastEvaluatedAt)}
      </Typography>
      {polling && (
        <Box my={1} data-testid="evaluating">
          <Typography variant="caption">
            Evaluating the automated checks…
          </Typography>
          <LinearProgress />
        </Box>
      )}
      <Box
        display="flex"
        flexWrap="wrap"
        justifyContent="space-between"
        mt={1}
        style={{ gap: 8 }}
      >
        <Button
          size="small"
          variant="outlined"
          startIcon={<RefreshIcon />}
          disabled={rerunning}
          onClick={onRerunAll}
        >
          {rerunning ? 'Re-running…' : 'Re-run all checks'}
        </Button>
        <ExportButtons review={review} />
      </Box>
    </InfoCard>
  );
}
