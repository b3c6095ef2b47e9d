import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { rumApiRef } from '../api/RumApi';

/** Page size of the Errors page. */
export const ERROR_GROUPS_PAGE_SIZE = 50;

/** One page of error groups, most recently seen first. */
export function useErrorGroups(page: number) {
  const api = useApi(rumApiRef);
  return useAsync(
    () =>
      api.listErrorGroups({
        limit: ERROR_GROUPS_PAGE_SIZE,
        offset: page * ERROR_GROUPS_PAGE_SIZE,
      }),
    [api, page],
  );
}
