import { Link, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { Box, makeStyles, Typography } from '@material-ui/core';
import type { ReviewSummary } from '@vigil/backstage-plugin-launch-gates-common';
import {
  HelpIcon,
  AllClear,
  ListFooter,
  ReportableErrorPanel,
  useWidgetRowStyles,
} from '@vigil/frontend-kit';
import { formatDate } from '../../lib/format';
import { rootRouteRef } from '../../lib/routes';
import { useLaunchTabLink } from '../../lib/useEntityLink';
import { ReviewStateChip } from '../StatusChip';
import { useAwaitingDecision } from './useAwaitingDecision';

const useStyles = makeStyles(theme => ({
  chip: { flexShrink: 0, minWidth: 88 },
  blocked: { color: theme.palette.error.main },
}));

function AwaitingRow(props: { review: ReviewSummary }) {
  const { review } = props;
  const classes = { ...useWidgetRowStyles(), ...useStyles() };
  const tabLink = useLaunchTabLink()(review.entityRef);
  const blockers = review.blockers.length;
  return (
    <Box className={classes.row} data-testid="awaiting-decision">
      <Box className={classes.chip}>
        <ReviewStateChip state={review.state} />
      </Box>
      <Box className={classes.text}>
        <Typography variant="body2">
          {tabLink ? <Link to={tabLink}>{review.title}</Link> : review.title}
          {' · '}
          <EntityDisplayName entityRef={review.entityRef} hideIcon />
        </Typography>
        <Typography variant="caption" color="textSecondary" component="div">
          Target {formatDate(review.targetDate)} ·{' '}
          {blockers === 0 ? (
            'ready for a Go'
          ) : (
            <span className={classes.blocked}>
              {blockers} blocking check{blockers === 1 ? '' : 's'}
            </span>
          )}
        </Typography>
      </Box>
    </Box>
  );
}

/**
 * Home page widget: the launch reviews the signed-in product owner may sign
 * that await a decision (open or reopened), soonest target date first.
 */
export function AwaitingDecisionContent() {
  const launchesRoute = useRouteRef(rootRouteRef);
  const launchesLink = launchesRoute?.() ?? '/launch-gates';
  const { value, error } = useAwaitingDecision();

  if (error) return <ReportableErrorPanel error={error} />;
  if (!value) return <Progress />;

  if (value.totalCount === 0) {
    return (
      <AllClear>
        Nothing awaits your decision.{' '}
        <Link to={launchesLink}>See all launches</Link>
        <HelpIcon topic="launch-sign-off" />
      </AllClear>
    );
  }
  return (
    <>
      <Box>
        {value.items.map(review => (
          <AwaitingRow key={review.id} review={review} />
        ))}
      </Box>
      <ListFooter
        shown={value.items.length}
        total={value.totalCount}
        noun="reviews awaiting your decision"
      >
        <Link to={launchesLink}>See all launches</Link>
        <HelpIcon topic="launch-sign-off" />
      </ListFooter>
    </>
  );
}
