import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  hasFaults,
  type SandboxService,
} from '@vigil/backstage-plugin-sandbox-common';
import { entityPaths } from '../lib/routes';
import { FaultControls } from './FaultControls';
import { SloStatusList } from './SloStatusList';

/** One synthetic service: its SLOs, links to its tabs and its fault controls. */
export function SandboxServiceCard(props: {
  service: SandboxService;
  running: boolean;
  onChanged: () => void;
}) {
  const { service, running, onChanged } = props;
  const paths = entityPaths(service.name);
  const faulty = hasFaults(service.faults);
  return (
    <div data-testid={`sandbox-service-${service.name}`}>
      <InfoCard
        title={service.title ?? service.name}
        subheader={
          faulty
            ? `Faults injected: ${
                Math.round((service.faults?.errorRate ?? 0) * 1000) / 10
              }% errors, +${service.faults?.latencyMs ?? 0} ms`
            : 'Healthy (no fault injected)'
        }
      >
        {service.description && (
          <Typography variant="body2" paragraph>
            {service.description}
          </Typography>
        )}
        <Typography variant="subtitle2">SLOs</Typography>
        <SloStatusList service={service} />
        <Box my={1}>
          <Link to={paths.slos}>SLO tab</Link>
          {' · '}
          <Link to={paths.health}>Health tab</Link>
          {' · '}
          <Link to={paths.incidents}>Incidents</Link>
          {' · '}
          <Link to={paths.overview}>Entity page</Link>
        </Box>
        <Typography variant="subtitle2" gutterBottom>
          Inject a fault
        </Typography>
        <FaultControls
          name={service.name}
          current={service.faults}
          disabled={!running}
          onApplied={onChanged}
        />
      </InfoCard>
    </div>
  );
}
