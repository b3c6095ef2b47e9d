import { Typography } from '@material-ui/core';
import type { HealthUnit } from '@vigil/backstage-plugin-service-health-common';
import { formatValue } from '../lib/format';

/**
 * The latest value of each series as text beside the title, readable
 * without hovering. On the latency panel each quantile carries
 * `data-testid="health-latency-<p50|p95|p99>"` and its value in ms in
 * `data-ms` (what the browser journeys read).
 */
export function LatestValues(props: {
  panelId: string;
  unit: HealthUnit;
  latest: Array<{ name: string; value: number | null }>;
}) {
  const { panelId, unit, latest } = props;
  return (
    <Typography variant="body2" color="textSecondary" component="div">
      {latest.slice(0, 4).map((item, index) => (
        <span key={item.name}>
          {index > 0 && ' · '}
          {latest.length > 1 || panelId === 'latency' ? `${item.name} ` : ''}
          <span
            data-testid={
              panelId === 'latency' ? `health-latency-${item.name}` : undefined
            }
            data-ms={
              panelId === 'latency' && item.value !== null
                ? (item.value * 1000).toFixed(1)
                : undefined
            }
          >
            {formatValue(item.value, unit)}
          </span>
        </span>
      ))}
    </Typography>
  );
}
