import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type { AsyncState } from 'react-use/esm/useAsyncFn';
import { sloApiRef } from '../api/SloApi';
import type { SloEvaluationStatus } from '../api/types';
import { useSloReload } from './useSloReload';

/**
 * How often the status is read again. While Prometheus is down no
 * evaluation signal comes, so only this poll shows an outage; a recovery
 * also comes with the cycle's signal.
 */
export const STATUS_POLL_MS = 30_000;

const anyEvaluation = () => true;

/**
 * The SLO backend's evaluation status (`GET /status`), read again after
 * each evaluation and every {@link STATUS_POLL_MS}. While a read runs the
 * previous value stays, so a banner does not flicker.
 */
export function useSloEvaluationStatus(
  options: { pollMs?: number } = {},
): AsyncState<SloEvaluationStatus> {
  const sloApi = useApi(sloApiRef);
  const reloadKey = useSloReload(anyEvaluation, {
    pollMs: options.pollMs ?? STATUS_POLL_MS,
  });
  // async: an SloApi without the method (an older custom one) is an error
  // state, which renders no banner, not an exception out of the effect.
  return useAsync(
    async () => sloApi.getEvaluationStatus(),
    [sloApi, reloadKey],
  );
}
