import { useApi } from '@backstage/core-plugin-api';
import type { ReviewDetail } from '@vigil/backstage-plugin-launch-gates-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { launchGatesApiRef } from '../../api/LaunchGatesApi';

/** How often the tab asks again while automated checks are still pending. */
export const POLL_INTERVAL_MS = 3_000;

/** Whether some automated check has not been evaluated yet. */
export function awaitsEvaluation(review: ReviewDetail): boolean {
  return review.gates.some(gate =>
    gate.checks.some(
      check => check.type === 'automated' && check.status === 'pending',
    ),
  );
}

export interface ReviewState {
  review: ReviewDetail | undefined;
  error: Error | undefined;
  /** Whether the tab is polling for pending checks. */
  polling: boolean;
  reload: () => Promise<void>;
  /** Takes the review a mutation answered. */
  replace: (review: ReviewDetail) => void;
}

/**
 * One review, polled every {@link POLL_INTERVAL_MS} while its automated
 * checks are pending (a new review's first evaluation runs in the
 * background). Answers for another review than the current one are dropped.
 */
export function useReview(reviewId: string): ReviewState {
  const api = useApi(launchGatesApiRef);
  const [review, setReview] = useState<ReviewDetail>();
  const [error, setError] = useState<Error>();
  const current = useRef(reviewId);
  current.current = reviewId;

  const reload = useCallback(async () => {
    try {
      const loaded = await api.getReview(reviewId);
      if (current.current !== reviewId) return;
      setReview(loaded);
      setError(undefined);
    } catch (e) {
      if (current.current !== reviewId) return;
      setError(e as Error);
    }
  }, [api, reviewId]);

  useEffect(() => {
    setReview(undefined);
    setError(undefined);
    reload();
  }, [reload]);

  const polling =
    review !== undefined && review.id === reviewId && awaitsEvaluation(review);
  useEffect(() => {
    if (!polling) return undefined;
    const timer = setInterval(reload, POLL_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [polling, reload]);

  const replace = useCallback((next: ReviewDetail) => {
    if (next.id === current.current) setReview(next);
  }, []);

  return {
    review: review?.id === reviewId ? review : undefined,
    error,
    polling,
    reload,
    replace,
  };
}
