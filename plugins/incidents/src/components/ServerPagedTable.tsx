import { Table, TableColumn } from '@backstage/core-components';
import { ReportableErrorPanel } from '@vigil/frontend-kit';
import { Box, TablePagination, Tooltip } from '@material-ui/core';
import { ReactNode } from 'react';
import { formatRelative, formatTimestamp, NONE } from '../lib/format';

export const PAGE_SIZES = [25, 50, 100];

/** "5 minutes ago", with the exact time on hover; a dash when absent. */
export function RelativeTime(props: { iso?: string }) {
  if (!props.iso) return <>{NONE}</>;
  return (
    <Tooltip title={formatTimestamp(props.iso)}>
      <span>{formatRelative(props.iso)}</span>
    </Tooltip>
  );
}

/** "1,234", or "10,000+" when the server stopped counting there. */
export function formatTotal(result: {
  totalCount: number;
  totalCountCapped?: boolean;
}): string {
  return `${result.totalCount.toLocaleString('en-US')}${
    result.totalCountCapped ? '+' : ''
  }`;
}

/**
 * A table of one page the server returned, with the total in its title and
 * pagination below; the error panel instead when the page failed to load.
 * `hasNextPage`: whether the server has a page after this one (cursor
 * paging), which then decides the next button rather than the total.
 */
export function ServerPagedTable<T extends object>(props: {
  title: string;
  columns: TableColumn<T>[];
  result?: { items: T[]; totalCount: number; totalCountCapped?: boolean };
  hasNextPage?: boolean;
  loading: boolean;
  error?: Error;
  emptyContent: ReactNode;
  page: number;
  pageSize: number;
  pageSizes?: number[];
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
}) {
  const { result, title } = props;
  if (props.error) return <ReportableErrorPanel error={props.error} />;
  return (
    <>
      <Table<T>
        title={result ? `${title} (${formatTotal(result)})` : title}
        columns={props.columns}
        data={result?.items ?? []}
        isLoading={props.loading && !result}
        options={{ paging: false, search: false, sorting: false }}
        emptyContent={<Box p={2}>{props.emptyContent}</Box>}
      />
      {result && result.totalCount > 0 && (
        <TablePagination
          component="div"
          count={result.totalCountCapped ? -1 : result.totalCount}
          labelDisplayedRows={({ from, to }) =>
            `${from}-${to} of ${formatTotal(result)}`
          }
          page={props.page}
          rowsPerPage={props.pageSize}
          rowsPerPageOptions={props.pageSizes ?? PAGE_SIZES}
          {...(props.hasNextPage === undefined
            ? {}
            : { nextIconButtonProps: { disabled: !props.hasNextPage } })}
          onPageChange={(_event, next) => props.onPageChange(next)}
          onRowsPerPageChange={event =>
            props.onPageSizeChange(Number(event.target.value))
          }
        />
      )}
    </>
  );
}
