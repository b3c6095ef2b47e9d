import { useApi } from '@backstage/core-plugin-api';
import type { SandboxResetResult } from '@vigil/backstage-plugin-sandbox-common';
import { useCallback, useState } from 'react';
import { sandboxApiRef } from '../api/SandboxApi';

/** Runs the sandbox reset; keeps its result or its error. */
export function useResetSandbox(onReset: () => void) {
  const api = useApi(sandboxApiRef);
  const [state, setState] = useState<{
    resetting: boolean;
    result?: SandboxResetResult;
    error?: Error;
  }>({ resetting: false });
  const reset = useCallback(async () => {
    setState({ resetting: true });
    try {
      const result = await api.reset();
      setState({ resetting: false, result });
      onReset();
    } catch (error) {
      setState({ resetting: false, error: error as Error });
    }
  }, [api, onReset]);
  return { ...state, reset };
}
