import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Typography } from '@material-ui/core';
import { parsePromDuration } from '@vigil/backstage-plugin-slo-common';
import useAsync from 'react-use/esm/useAsync';
import type { AsyncState } from 'react-use/esm/useAsyncFn';
import { sloApiRef } from '../api/SloApi';
import type { SloDetailResponse } from '../api/types';
import { BURN_DOWN_POINTS, BurnDownChart } from './BurnDownChart';
import { useDeploysInRange } from './useDeploysInRange';

const DAY_MS = 86_400_000;

/**
 * The SLO's history over its period (and its spec), downsampled by the
 * backend to the chart's width (a 30-day period at one evaluation a minute
 * is ~43,000); fetched again when `evaluatedAt` changes, i.e. when the SLO
 * was evaluated again. The last history stays in `value` while the next one
 * loads.
 */
export function useSloHistory(
  sloId: string,
  period: string,
  evaluatedAt: string | null,
): AsyncState<SloDetailResponse> {
  const sloApi = useApi(sloApiRef);
  return useAsync(async () => {
    const to = new Date();
    const periodMs = parsePromDuration(period) ?? 30 * DAY_MS;
    const from = new Date(to.getTime() - periodMs);
    return sloApi.getSlo(sloId, { from, to, points: BURN_DOWN_POINTS });
  }, [sloApi, sloId, period, evaluatedAt]);
}

/**
 * The budget burn-down of a history fetched by {@link useSloHistory}, with
 * the entity's deploys in that range marked on it.
 */
export function SloBurnDown(props: { history: AsyncState<SloDetailResponse> }) {
  const { value, loading, error } = props.history;
  const deploys = useDeploysInRange(
    value?.slo.entityRef,
    value?.history.from,
    value?.history.to,
  );
  // A refetch keeps the chart that is shown until the new one is there.
  if (loading && !value) return <Progress />;
  if (error || !value) {
    return (
      <Typography variant="body2" color="error">
        Could not load the budget history: {error?.message ?? 'no response'}
      </Typography>
    );
  }
  return (
    <BurnDownChart evaluations={value.history.evaluations} deploys={deploys} />
  );
}
