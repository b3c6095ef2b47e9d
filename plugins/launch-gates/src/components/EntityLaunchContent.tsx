import { EmptyState, Progress } from '@backstage/core-components';
import { ReportableErrorPanel } from '@vigil/frontend-kit';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Button, MenuItem, TextField } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import { LAUNCH_GATES_ANNOTATIONS } from '@vigil/backstage-plugin-launch-gates-common';
import { useCallback, useState } from 'react';
import { formatDate, STATE_LABELS } from '../lib/format';
import { OpenReviewDialog } from './OpenReviewDialog';
import { ReviewView } from './review/ReviewView';
import { useEntityReviews } from './useEntityReviews';

/**
 * The entity's "Launch" tab: its latest launch review (older ones from the
 * selector), or an invitation to open one. A review can be opened while
 * none is undecided (the backend says which one is, otherwise).
 */
export function EntityLaunchContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const entityTemplate =
    entity.metadata.annotations?.[LAUNCH_GATES_ANNOTATIONS.template];
  const reviews = useEntityReviews(entityRef);
  const [selectedId, setSelectedId] = useState<string>();
  const [opening, setOpening] = useState(false);
  const { retry } = reviews;
  const refreshList = useCallback(() => retry(), [retry]);

  if (reviews.error) return <ReportableErrorPanel error={reviews.error} />;
  if (!reviews.value) return <Progress />;

  const items = reviews.value;
  // A review just opened may not be in the list yet: it shows regardless.
  const shownId = selectedId ?? items[0]?.id;

  const dialog = (
    <OpenReviewDialog
      open={opening}
      entityRef={entityRef}
      entityTemplate={entityTemplate}
      onClose={() => setOpening(false)}
      onOpened={review => {
        setOpening(false);
        setSelectedId(review.id);
        refreshList();
      }}
    />
  );

  if (!shownId) {
    return (
      <>
        <EmptyState
          missing="data"
          title="No launch review yet"
          description="A launch review gathers the evidence that this service is ready (SLO history, incidents, on-call coverage, runbooks, load tests, rollback drills, security scans, and the answers of the people who know) and records the product owner's Go or No-Go."
          action={
            <Button
              variant="contained"
              color="primary"
              startIcon={<AddIcon />}
              onClick={() => setOpening(true)}
            >
              Open review
            </Button>
          }
        />
        {dialog}
      </>
    );
  }

  return (
    <>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
        mb={2}
        style={{ gap: 16 }}
      >
        <TextField
          select
          variant="outlined"
          size="small"
          id="review-selector"
          label="Review"
          style={{ minWidth: 360 }}
          value={shownId}
          onChange={e => setSelectedId(String(e.target.value))}
          SelectProps={{ SelectDisplayProps: { 'aria-label': 'Review' } }}
        >
          {items.map(r => (
            <MenuItem key={r.id} value={r.id}>
              {r.title} · {formatDate(r.targetDate)} · {STATE_LABELS[r.state]}
            </MenuItem>
          ))}
        </TextField>
        <Button
          variant="outlined"
          startIcon={<AddIcon />}
          onClick={() => setOpening(true)}
        >
          Open review
        </Button>
      </Box>
      <ReviewView reviewId={shownId} onChanged={refreshList} />
      {dialog}
    </>
  );
}
