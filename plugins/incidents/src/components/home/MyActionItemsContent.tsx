import { Link, Progress } from '@backstage/core-components';
import { isFullEntityRef } from '@vigil/backstage-plugin-incidents-common';
import { Box, Chip, makeStyles, Typography } from '@material-ui/core';
import type { ActionItemWithContext } from '../../api/types';
import { ACTION_ITEM_STATUS_LABELS } from '../../lib/format';
import { useEntityPageLinks, useIncidentLinks } from '../../lib/links';
import { EntityRefText } from '../EntityRefs';
import { useMyActionItems } from './useMyActionItems';
import {
  HelpIcon,
  AllClear,
  ListFooter,
  ReportableErrorPanel,
  useWidgetRowStyles,
} from '@vigil/frontend-kit';

/** Most action items the widget lists; the rest are counted. */
export const MY_ACTION_ITEMS_SHOWN = 8;

const useStyles = makeStyles(theme => ({
  priority: { flexShrink: 0, minWidth: 44, fontWeight: 600 },
  overdue: { color: theme.palette.error.main, fontWeight: 600 },
}));

function ActionItemRow(props: {
  item: ActionItemWithContext;
  userEntityRef: string;
}) {
  const { item, userEntityRef } = props;
  const classes = useStyles();
  const shared = useWidgetRowStyles();
  const links = useIncidentLinks();
  return (
    <Box
      className={shared.row}
      data-testid="my-action-item"
      data-overdue={item.overdue ? 'true' : undefined}
    >
      <Chip
        size="small"
        label={item.priority}
        className={classes.priority}
        color={
          item.priority === 'P0' || item.priority === 'P1'
            ? 'secondary'
            : 'default'
        }
      />
      <Box className={shared.text}>
        <Typography variant="body2">
          {item.link ? <Link to={item.link}>{item.title}</Link> : item.title}
        </Typography>
        <Typography variant="caption" color="textSecondary" component="div">
          <Link to={links.postmortem(item.incidentId)}>
            {item.postmortemTitle}
          </Link>
          {item.owner !== userEntityRef && (
            <>
              {' · '}
              <EntityRefText entityRef={item.owner} />
            </>
          )}
          {item.status !== 'open' &&
            ` · ${ACTION_ITEM_STATUS_LABELS[item.status] ?? item.status}`}
          {item.dueDate && (
            <>
              {' · due '}
              <span className={item.overdue ? classes.overdue : undefined}>
                {item.dueDate}
                {item.overdue && ' (overdue)'}
              </span>
            </>
          )}
        </Typography>
      </Box>
    </Box>
  );
}

/**
 * Home page widget: open postmortem action items of the signed-in user and
 * their groups, overdue and most urgent first.
 */
export function MyActionItemsContent() {
  const entityPageLinks = useEntityPageLinks();
  const { value, error } = useMyActionItems();

  if (error) return <ReportableErrorPanel error={error} />;
  if (!value) return <Progress />;

  // The user's page has the full list with status changes.
  const userPage =
    value.userEntityRef && isFullEntityRef(value.userEntityRef)
      ? entityPageLinks(value.userEntityRef)?.catalog
      : undefined;
  if (value.totalCount === 0) {
    return (
      <AllClear>
        No open action items for you or your teams.
        <HelpIcon topic="action-items" />
      </AllClear>
    );
  }
  const shown = value.items.slice(0, MY_ACTION_ITEMS_SHOWN);
  return (
    <>
      <Box>
        {shown.map(item => (
          <ActionItemRow
            key={item.id}
            item={item}
            userEntityRef={value.userEntityRef}
          />
        ))}
      </Box>
      <ListFooter
        shown={shown.length}
        total={value.totalCount}
        noun="open action items"
      >
        {userPage && <Link to={userPage}>Update them on your page</Link>}
        <HelpIcon topic="action-items" />
      </ListFooter>
    </>
  );
}
