import { useApi } from '@backstage/core-plugin-api';
import type { ReviewSummary } from '@vigil/backstage-plugin-launch-gates-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { launchGatesApiRef } from '../api/LaunchGatesApi';

/** How many of an entity's reviews the selector offers (the newest). */
export const REVIEWS_SHOWN = 50;

/** An entity's reviews, newest opened first. */
export function useEntityReviews(entityRef: string) {
  const api = useApi(launchGatesApiRef);
  return useAsyncRetry(async (): Promise<ReviewSummary[]> => {
    const list = await api.listReviews({ entityRef, limit: REVIEWS_SHOWN });
    return [...list.items].sort(
      (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt),
    );
  }, [api, entityRef]);
}
