import type { EntityHealth } from '@vigil/backstage-plugin-service-health-common';
import Alert from '@material-ui/lab/Alert';

const SEVERITY = {
  ok: 'success',
  partial: 'info',
  empty: 'warning',
  'prometheus-down': 'error',
  misconfigured: 'error',
} as const;

/**
 * What the answer's state means, in words: which panels have no data, that
 * Prometheus is down (and since when it was last reached), or what is wrong
 * with the entity's annotations; and markers that could not be read.
 * Nothing when everything is there.
 */
export function HealthStateBanner(props: { health: EntityHealth }) {
  const { health } = props;
  const notes = [...health.annotationIssues, ...health.markers.notes];
  if (health.state === 'ok' && notes.length === 0) return null;
  return (
    <Alert
      severity={health.state === 'ok' ? 'info' : SEVERITY[health.state]}
      data-testid="health-state"
      data-state={health.state}
    >
      {health.state !== 'ok' && <div>{health.message}</div>}
      {notes.map(note => (
        <div key={note}>{note}</div>
      ))}
    </Alert>
  );
}
