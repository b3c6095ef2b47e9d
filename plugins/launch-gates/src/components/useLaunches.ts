import { useApi } from '@backstage/core-plugin-api';
import type {
  ReviewList,
  ReviewState,
} from '@vigil/backstage-plugin-launch-gates-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { launchGatesApiRef } from '../api/LaunchGatesApi';
import { todayIso } from '../lib/format';

export interface LaunchFilters {
  /** No states: any. */
  states: ReviewState[];
  /** Only target dates from today on. */
  upcomingOnly: boolean;
}

/** One page of reviews, soonest target date first; filtered on the server. */
export function useLaunches(
  filters: LaunchFilters,
  page: number,
  pageSize: number,
) {
  const api = useApi(launchGatesApiRef);
  const key = JSON.stringify({ filters, page, pageSize });
  return useAsyncRetry(
    async (): Promise<ReviewList> =>
      api.listReviews({
        state: filters.states.length > 0 ? filters.states : undefined,
        targetFrom: filters.upcomingOnly ? todayIso() : undefined,
        limit: pageSize,
        offset: page * pageSize,
      }),
    // The filters' content, not their identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
}
