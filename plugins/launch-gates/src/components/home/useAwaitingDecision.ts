import { useApi } from '@backstage/core-plugin-api';
import type { ReviewList } from '@vigil/backstage-plugin-launch-gates-common';
import useAsync from 'react-use/esm/useAsync';
import { launchGatesApiRef } from '../../api/LaunchGatesApi';

/** How many reviews the widget lists. */
export const AWAITING_SHOWN = 8;

/** Reviews the signed-in user may sign that await a decision, soonest first. */
export function useAwaitingDecision() {
  const api = useApi(launchGatesApiRef);
  return useAsync(
    async (): Promise<ReviewList> =>
      api.listReviews({ awaitingMe: true, limit: AWAITING_SHOWN }),
    [api],
  );
}
