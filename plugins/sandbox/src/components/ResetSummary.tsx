import Alert from '@material-ui/lab/Alert';
import type { SandboxResetResult } from '@vigil/backstage-plugin-sandbox-common';

/** What a reset did, step by step. */
export function ResetSummary(props: { result: SandboxResetResult }) {
  const { faults, incidents, slo, complete } = props.result;
  const line = (ok: boolean, done: string, error?: string) =>
    ok ? done : `Failed: ${error ?? 'unknown error'}`;
  return (
    <Alert
      severity={complete ? 'success' : 'warning'}
      data-testid="sandbox-reset-result"
    >
      <strong>
        {complete ? 'The sandbox was reset.' : 'The sandbox was partly reset.'}
      </strong>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        <li>
          Faults:{' '}
          {line(
            faults.ok,
            `every fault cleared${
              faults.prometheusHistory ? ` (${faults.prometheusHistory})` : ''
            }`,
            faults.error,
          )}
        </li>
        <li>
          Incidents:{' '}
          {line(
            incidents.ok,
            `${incidents.incidents ?? 0} incident(s), ${
              incidents.postmortems ?? 0
            } postmortem(s) and ${
              incidents.actionItems ?? 0
            } action item(s) deleted`,
            incidents.error,
          )}
        </li>
        <li>
          SLO history:{' '}
          {line(
            slo.ok,
            `${slo.evaluations ?? 0} evaluation(s) deleted`,
            slo.error,
          )}
        </li>
      </ul>
    </Alert>
  );
}
