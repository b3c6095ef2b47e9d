import { Link } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';

/**
 * The mark on everything of the sandbox: synthetic services, nothing real,
 * nothing counted in real metrics.
 */
export function SandboxBanner(props: { entityName?: string }) {
  return (
    <Alert
      severity="warning"
      variant="filled"
      data-testid="sandbox-banner"
      role="note"
    >
      <AlertTitle>
        Sandbox{props.entityName ? `: ${props.entityName} is synthetic` : ''}
      </AlertTitle>
      This is the sandbox: synthetic services fed by a traffic generator, for
      practice. Inject faults, watch SLOs burn, declare incidents and write
      postmortems freely; nothing here is a real service, and sandbox data is
      left out of real incident and SLO metrics. Reset it from the{' '}
      <Link to="/sandbox" color="inherit" underline="always">
        Sandbox page
      </Link>
      .
    </Alert>
  );
}
