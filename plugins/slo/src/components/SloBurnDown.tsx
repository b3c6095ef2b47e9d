import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Typography } from '@material-ui/core';
import { parsePromDuration } from '@vigil/backstage-plugin-slo-common';
import useAsync from 'react-use/esm/useAsync';
import { sloApiRef } from '../api/SloApi';
import { BurnDownChart } from './BurnDownChart';

const DAY_MS = 86_400_000;
/** The backend's most evaluations per request: 30 days at one a minute fit. */
const HISTORY_LIMIT = 50_000;

/** Fetches the SLO's history over its period and draws the budget burn-down. */
export function SloBurnDown(props: { sloId: string; period: string }) {
  const sloApi = useApi(sloApiRef);
  const { sloId, period } = props;
  const { value, loading, error } = useAsync(async () => {
    const to = new Date();
    const periodMs = parsePromDuration(period) ?? 30 * DAY_MS;
    const from = new Date(to.getTime() - periodMs);
    return sloApi.getSlo(sloId, { from, to, limit: HISTORY_LIMIT });
  }, [sloApi, sloId, period]);

  if (loading) return <Progress />;
  if (error || !value) {
    return (
      <Typography variant="body2" color="error">
        Could not load the budget history: {error?.message ?? 'no response'}
      </Typography>
    );
  }
  return (
    <BurnDownChart
      evaluations={value.history.evaluations}
      from={value.history.from}
      to={value.history.to}
    />
  );
}
