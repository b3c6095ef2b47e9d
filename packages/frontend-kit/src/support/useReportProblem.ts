import { useApiHolder } from '@backstage/core-plugin-api';
import { useCallback, useState } from 'react';
import { errorMessage } from '../responseError';
import {
  reportProblemApiRef,
  type ProblemReport,
  type ReportedProblem,
} from './reportProblemApi';

/** The report API if installed, and one report's state. */
export function useReportProblem() {
  const api = useApiHolder().get(reportProblemApiRef);
  const [state, setState] = useState<{
    sending: boolean;
    reported?: ReportedProblem;
    failure?: string;
  }>({ sending: false });
  const report = useCallback(
    async (problem: ProblemReport) => {
      if (!api) return;
      setState({ sending: true });
      try {
        setState({ sending: false, reported: await api.report(problem) });
      } catch (error) {
        setState({ sending: false, failure: errorMessage(error) });
      }
    },
    [api],
  );
  const reset = useCallback(() => setState({ sending: false }), []);
  return { available: Boolean(api), ...state, report, reset };
}
