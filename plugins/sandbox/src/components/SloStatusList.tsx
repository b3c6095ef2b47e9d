import { Link } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type { SandboxService } from '@vigil/backstage-plugin-sandbox-common';
import { entityPaths } from '../lib/routes';

const STATUS_COLOR: Record<string, 'default' | 'primary' | 'secondary'> = {
  ok: 'primary',
  breaching: 'secondary',
};

function budgetText(budget: number | null): string {
  return budget === null
    ? 'no data'
    : `${Math.round(budget * 100)}% budget left`;
}

/** A sandbox service's SLOs: status and budget, each a link to its SLO tab. */
export function SloStatusList(props: { service: SandboxService }) {
  const { service } = props;
  const paths = entityPaths(service.name);
  if (service.sloError) {
    return (
      <Typography variant="body2" color="error">
        SLOs unavailable: {service.sloError}
      </Typography>
    );
  }
  if (!service.slos || service.slos.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No SLOs evaluated yet (the SLO backend reads the sandbox&apos;s specs
        within a few minutes).
      </Typography>
    );
  }
  return (
    <div>
      {service.slos.map(slo => (
        <div key={slo.sloId} data-testid={`sandbox-slo-${slo.sloId}`}>
          <Link to={paths.slos}>
            {slo.name} ({slo.objectivePercent}%)
          </Link>{' '}
          <Chip
            size="small"
            label={slo.status}
            color={STATUS_COLOR[slo.status] ?? 'default'}
          />{' '}
          <Typography variant="caption" color="textSecondary">
            {budgetText(slo.budgetRemaining)}
          </Typography>
        </div>
      ))}
    </div>
  );
}
