import { InfoCard, Link, Progress } from '@backstage/core-components';
import {
  FailedRequestAlert,
  HelpIcon,
  ReportableErrorPanel,
} from '@vigil/frontend-kit';
import { useApi } from '@backstage/core-plugin-api';
import {
  Entity,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ACTION_ITEM_STATUSES } from '@vigil/backstage-plugin-incidents-common';
import {
  Box,
  Chip,
  makeStyles,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import { useEffect, useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { incidentsApiRef } from '../api/IncidentsApi';
import { errorMessage } from '../api/errors';
import type { ActionItemStatus, ActionItemWithContext } from '../api/types';
import { ACTION_ITEM_STATUS_LABELS, NONE } from '../lib/format';
import { useIncidentLinks } from '../lib/links';
import { useIncidentSignal } from '../lib/useIncidentSignal';
import { EntityRefText } from './EntityRefs';

/** Most items a card shows; the rest are counted. */
const CARD_LIMIT = 50;

const useStyles = makeStyles(theme => ({
  overdue: {
    color: theme.palette.error.main,
    fontWeight: 600,
  },
  overdueRow: {
    backgroundColor:
      theme.palette.type === 'dark'
        ? 'rgba(244, 67, 54, 0.12)'
        : 'rgba(244, 67, 54, 0.06)',
  },
  priority: { fontWeight: 600 },
}));

/** The owners whose items the card lists: the entity, plus a user's groups. */
export function actionItemOwners(entity: Entity): string[] {
  const self = stringifyEntityRef(entity);
  if (entity.kind.toLocaleLowerCase('en-US') !== 'user') return [self];
  const groups = (entity.relations ?? [])
    .filter(r => r.type === RELATION_MEMBER_OF)
    .map(r => r.targetRef);
  return [...new Set([self, ...groups])];
}

function StatusSelect(props: {
  item: ActionItemWithContext;
  disabled: boolean;
  onChange: (status: ActionItemStatus) => void;
}) {
  const { item } = props;
  return (
    <TextField
      select
      size="small"
      value={item.status}
      disabled={props.disabled}
      SelectProps={{
        SelectDisplayProps: { 'aria-label': `Status of ${item.title}` },
      }}
      onChange={e => props.onChange(e.target.value as ActionItemStatus)}
    >
      {ACTION_ITEM_STATUSES.map(s => (
        <MenuItem key={s} value={s}>
          {ACTION_ITEM_STATUS_LABELS[s]}
        </MenuItem>
      ))}
    </TextField>
  );
}

/**
 * Open postmortem action items owned by the user or group (for a user, also
 * by the groups they belong to), most urgent first, with a status select.
 */
export function EntityActionItemsCard() {
  const { entity } = useEntity();
  const classes = useStyles();
  const api = useApi(incidentsApiRef);
  const links = useIncidentLinks();
  const owners = useMemo(() => actionItemOwners(entity), [entity]);
  const self = owners[0];
  const [items, setItems] = useState<ActionItemWithContext[]>();
  const [updating, setUpdating] = useState<string>();
  const [updateError, setUpdateError] = useState<{
    message: string;
    error: unknown;
  }>();

  const { value, loading, error, retry } = useAsyncRetry(
    () =>
      api.listActionItems({ owner: owners, status: 'open', limit: CARD_LIMIT }),
    [api, owners],
  );
  useEffect(() => {
    if (value) setItems(value.items);
  }, [value]);
  // Postmortem saves add, remove and change action items.
  useIncidentSignal(signal => {
    if (signal.type === 'postmortem_updated' && !updating) retry();
  });

  const setStatus = async (
    item: ActionItemWithContext,
    status: ActionItemStatus,
  ) => {
    setUpdating(item.id);
    setUpdateError(undefined);
    try {
      const updated = await api.updateActionItem(item.id, { status });
      // Done items stay listed until the next load, so a slip can be undone.
      setItems(current =>
        current?.map(i => (i.id === updated.id ? { ...i, ...updated } : i)),
      );
    } catch (e) {
      setUpdateError({
        message: `${item.title}: ${errorMessage(e)}`,
        error: e,
      });
    } finally {
      setUpdating(undefined);
    }
  };

  let body;
  if (error) {
    body = <ReportableErrorPanel error={error} />;
  } else if (!items) {
    body = loading ? <Progress /> : null;
  } else if (items.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No open action items.
      </Typography>
    );
  } else {
    const sorted = [...items].sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        a.priority.localeCompare(b.priority) ||
        (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'),
    );
    body = (
      <>
        <Box style={{ overflowX: 'auto' }}>
          <Table size="small" aria-label="Action items">
            <TableHead>
              <TableRow>
                <TableCell>Action item</TableCell>
                <TableCell>Priority</TableCell>
                <TableCell>Due</TableCell>
                <TableCell>Status</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {sorted.map(item => (
                <TableRow
                  key={item.id}
                  className={item.overdue ? classes.overdueRow : undefined}
                  data-testid="action-item"
                  data-overdue={item.overdue ? 'true' : undefined}
                >
                  <TableCell>
                    <Typography variant="body2">{item.title}</Typography>
                    <Typography variant="caption" color="textSecondary">
                      <Link to={links.postmortem(item.incidentId)}>
                        {item.postmortemTitle}
                      </Link>
                      {item.owner !== self && (
                        <>
                          {' · '}
                          <EntityRefText entityRef={item.owner} />
                        </>
                      )}
                    </Typography>
                  </TableCell>
                  <TableCell>
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
                  </TableCell>
                  <TableCell>
                    {item.dueDate ? (
                      <span
                        className={item.overdue ? classes.overdue : undefined}
                      >
                        {item.dueDate}
                        {item.overdue && ' (overdue)'}
                      </span>
                    ) : (
                      NONE
                    )}
                  </TableCell>
                  <TableCell>
                    <StatusSelect
                      item={item}
                      disabled={updating === item.id}
                      onChange={status => setStatus(item, status)}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
        {value && value.totalCount > items.length && (
          <Box mt={1}>
            <Typography variant="caption" color="textSecondary">
              Showing {items.length} of {value.totalCount} open action items.
            </Typography>
          </Box>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="Action items"
      action={<HelpIcon topic="action-items" />}
      subheader={
        owners.length > 1
          ? 'Open postmortem action items of this user and their groups'
          : 'Open postmortem action items'
      }
    >
      {updateError && (
        <Box mb={1}>
          <FailedRequestAlert
            error={updateError.error}
            entityRef={self}
            onClose={() => setUpdateError(undefined)}
          >
            {updateError.message}
          </FailedRequestAlert>
        </Box>
      )}
      {body}
    </InfoCard>
  );
}
