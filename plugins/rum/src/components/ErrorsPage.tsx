import { useState } from 'react';
import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
} from '@backstage/core-components';
import { HelpIcon, ReportableErrorPanel } from '@vigil/frontend-kit';
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { DateTime } from 'luxon';
import { ErrorGroupRow } from './ErrorGroupRow';
import { ERROR_GROUPS_PAGE_SIZE, useErrorGroups } from './useErrorGroups';

const when = (iso: string) =>
  DateTime.fromISO(iso).toRelative() ?? DateTime.fromISO(iso).toISO();

/**
 * The portal's JavaScript errors, grouped by fingerprint (message + top
 * frame), most recently seen first; a row opens its source-mapped stack.
 * Portal admins only: others read the backend's explanation.
 */
export function ErrorsPage() {
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<string | undefined>();
  const { value, loading, error } = useErrorGroups(page);

  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ReportableErrorPanel error={error} />;
  else if (!value || value.totalCount === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No JavaScript errors"
        description="No browser has reported an exception to the RUM collector yet (or Faro is off: rum.enabled)."
      />
    );
  } else {
    const pages = Math.ceil(value.totalCount / ERROR_GROUPS_PAGE_SIZE);
    body = (
      <>
        <Typography variant="body2" color="textSecondary">
          {value.totalCount} error group{value.totalCount === 1 ? '' : 's'}
        </Typography>
        <Table size="small" aria-label="JavaScript error groups">
          <TableHead>
            <TableRow>
              <TableCell>Error</TableCell>
              <TableCell align="right">Events</TableCell>
              <TableCell align="right">Sessions</TableCell>
              <TableCell>Last seen</TableCell>
              <TableCell>First seen</TableCell>
              <TableCell>Release</TableCell>
              <TableCell>Routes</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.items.map(group => (
              <ErrorGroupRow
                key={group.fingerprint}
                group={group}
                open={open === group.fingerprint}
                onToggle={() =>
                  setOpen(
                    open === group.fingerprint ? undefined : group.fingerprint,
                  )
                }
                when={when}
              />
            ))}
          </TableBody>
        </Table>
        {pages > 1 && (
          <>
            <Button disabled={page === 0} onClick={() => setPage(page - 1)}>
              Newer
            </Button>
            <Button
              disabled={page + 1 >= pages}
              onClick={() => setPage(page + 1)}
            >
              Older
            </Button>
          </>
        )}
      </>
    );
  }
  return (
    <Page themeId="tool">
      <Header
        title="JavaScript errors"
        subtitle="Exceptions browsers reported through Grafana Faro, grouped by message and top frame"
      >
        <HelpIcon topic="rum-errors" />
      </Header>
      <Content>
        <div data-tour="rum-errors">{body}</div>
      </Content>
    </Page>
  );
}
