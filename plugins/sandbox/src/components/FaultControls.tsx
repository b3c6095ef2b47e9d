import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  faultSettingsSchema,
  type FaultSettings,
} from '@vigil/backstage-plugin-sandbox-common';
import { useEffect, useState } from 'react';
import { useApplyFaults } from './useApplyFaults';

/** The form's text (a percentage and milliseconds) as fault settings, or why not. */
export function faultsFromForm(
  errorRatePercent: string,
  latencyMs: string,
): { faults?: FaultSettings; problem?: string } {
  const parsed = faultSettingsSchema.safeParse({
    errorRate: Number(errorRatePercent) / 100,
    latencyMs: Number(latencyMs),
  });
  if (errorRatePercent.trim() === '' || latencyMs.trim() === '') {
    return { problem: 'Enter an error rate and a latency (0 for none).' };
  }
  if (!parsed.success) {
    return {
      problem:
        'The error rate is a percentage from 0 to 100, the latency whole milliseconds from 0 to 10000.',
    };
  }
  return { faults: parsed.data };
}

const percentOf = (faults?: FaultSettings) =>
  String(Math.round((faults?.errorRate ?? 0) * 1000) / 10);

/**
 * A service's fault controls: the error rate in percent and the added
 * latency, applied together ("Apply"); 0 and 0 heal it.
 */
export function FaultControls(props: {
  name: string;
  current?: FaultSettings;
  disabled?: boolean;
  onApplied: () => void;
}) {
  const { name, current, disabled, onApplied } = props;
  const [errorRate, setErrorRate] = useState(percentOf(current));
  const [latency, setLatency] = useState(String(current?.latencyMs ?? 0));
  // What the sandbox reports wins when it changes (after a reset, say).
  useEffect(() => {
    setErrorRate(percentOf(current));
    setLatency(String(current?.latencyMs ?? 0));
  }, [current?.errorRate, current?.latencyMs]); // eslint-disable-line react-hooks/exhaustive-deps
  const { applying, error, applied, apply } = useApplyFaults(name, onApplied);
  const { faults, problem } = faultsFromForm(errorRate, latency);

  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-start"
      style={{ gap: 16 }}
    >
      <TextField
        label="Error rate (%)"
        type="number"
        size="small"
        variant="outlined"
        value={errorRate}
        onChange={e => setErrorRate(e.target.value)}
        inputProps={{
          min: 0,
          max: 100,
          step: 5,
          'data-testid': `sandbox-fault-error-rate-${name}`,
          'aria-label': `Error rate of ${name} (%)`,
        }}
        disabled={disabled}
      />
      <TextField
        label="Added latency (ms)"
        type="number"
        size="small"
        variant="outlined"
        value={latency}
        onChange={e => setLatency(e.target.value)}
        inputProps={{
          min: 0,
          max: 10000,
          step: 100,
          'data-testid': `sandbox-fault-latency-${name}`,
          'aria-label': `Added latency of ${name} (ms)`,
        }}
        disabled={disabled}
      />
      <Button
        variant="contained"
        color="primary"
        data-testid={`sandbox-apply-${name}`}
        disabled={disabled || applying || !faults}
        onClick={() => faults && apply(faults)}
      >
        {applying ? 'Applying…' : 'Apply'}
      </Button>
      <Box flexBasis="100%">
        {problem && (
          <Typography variant="caption" color="error">
            {problem}
          </Typography>
        )}
        {error && (
          <Typography variant="caption" color="error" role="alert">
            {error.message}
          </Typography>
        )}
        {applied && !error && (
          <Typography
            variant="caption"
            color="textSecondary"
            data-testid={`sandbox-applied-${name}`}
          >
            Applied: {Math.round(applied.errorRate * 1000) / 10}% errors, +
            {applied.latencyMs} ms. Watch its SLO burn on the SLO tab.
          </Typography>
        )}
      </Box>
    </Box>
  );
}
