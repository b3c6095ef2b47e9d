import { useApi } from '@backstage/core-plugin-api';
import type { FaultSettings } from '@vigil/backstage-plugin-sandbox-common';
import { useCallback, useState } from 'react';
import { sandboxApiRef } from '../api/SandboxApi';

/** Sets a service's faults; says when it is done or what went wrong. */
export function useApplyFaults(name: string, onApplied: () => void) {
  const api = useApi(sandboxApiRef);
  const [state, setState] = useState<{
    applying: boolean;
    error?: Error;
    applied?: FaultSettings;
  }>({ applying: false });
  const apply = useCallback(
    async (faults: FaultSettings) => {
      setState({ applying: true });
      try {
        const result = await api.setFaults(name, faults);
        setState({ applying: false, applied: result.faults ?? faults });
        onApplied();
      } catch (error) {
        setState({ applying: false, error: error as Error });
      }
    },
    [api, name, onApplied],
  );
  return { ...state, apply };
}
