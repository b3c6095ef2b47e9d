import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { isFullEntityRef } from '@vigil/backstage-plugin-incidents-common';
import { Box, Chip, makeStyles, Typography } from '@material-ui/core';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';
import type { ActionItemWithContext } from '../../api/types';
import { ACTION_ITEM_STATUS_LABELS } from '../../lib/format';
import { useEntityPageLinks, useIncidentLinks } from '../../lib/links';
import { EntityRefText } from '../EntityRefs';
import { useMyActionItems } from './useMyActionItems';

/** Most action items the widget lists; the rest are counted. */
export const MY_ACTION_ITEMS_SHOWN = 8;

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1, 0),
    '&:not(:last-child)': {
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
  },
  priority: { flexShrink: 0, minWidth: 44, fontWeight: 600 },
  text: { minWidth: 0, flex: 1 },
  overdue: { color: theme.palette.error.main, fontWeight: 600 },
  ok: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  okIcon: { color: theme.palette.success.main },
}));

function ActionItemRow(props: {
  item: ActionItemWithContext;
  userEntityRef: string;
}) {
  const { item, userEntityRef } = props;
  const classes = useStyles();
  const links = useIncidentLinks();
  return (
    <Box
      className={classes.row}
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
      <Box className={classes.text}>
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
  const classes = useStyles();
  const entityPageLinks = useEntityPageLinks();
  const { value, error } = useMyActionItems();

  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <Progress />;

  // The user's page has the full list with status changes.
  const userPage =
    value.userEntityRef && isFullEntityRef(value.userEntityRef)
      ? entityPageLinks(value.userEntityRef)?.catalog
      : undefined;
  if (value.totalCount === 0) {
    return (
      <Box className={classes.ok}>
        <CheckCircleOutlineIcon className={classes.okIcon} />
        <Typography variant="body1">
          No open action items for you or your teams.
        </Typography>
      </Box>
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
      <Box mt={1}>
        <Typography variant="body2">
          {value.totalCount > shown.length &&
            `Showing ${shown.length} of ${value.totalCount} open action items. `}
          {userPage && <Link to={userPage}>Update them on your page</Link>}
        </Typography>
      </Box>
    </>
  );
}
