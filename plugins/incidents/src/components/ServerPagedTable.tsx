import {
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
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

/**
 * A table of one page the server returned, with the total in its title and
 * pagination below; the error panel instead when the page failed to load.
 */
export function ServerPagedTable<T extends object>(props: {
  title: string;
  columns: TableColumn<T>[];
  result?: { items: T[]; totalCount: number };
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
  if (props.error) return <ResponseErrorPanel error={props.error} />;
  return (
    <>
      <Table<T>
        title={result ? `${title} (${result.totalCount})` : title}
        columns={props.columns}
        data={result?.items ?? []}
        isLoading={props.loading && !result}
        options={{ paging: false, search: false, sorting: false }}
        emptyContent={<Box p={2}>{props.emptyContent}</Box>}
      />
      {result && result.totalCount > 0 && (
        <TablePagination
          component="div"
          count={result.totalCount}
          page={props.page}
          rowsPerPage={props.pageSize}
          rowsPerPageOptions={props.pageSizes ?? PAGE_SIZES}
          onPageChange={(_event, next) => props.onPageChange(next)}
          onRowsPerPageChange={event =>
            props.onPageSizeChange(Number(event.target.value))
          }
        />
      )}
    </>
  );
}
