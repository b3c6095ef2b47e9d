import { configApiRef, useApi } from '@backstage/core-plugin-api';
import type { SupportFeedback } from '@vigil/backstage-plugin-support-common';
import { errorMessage } from '@vigil/frontend-kit';
import { useCallback, useState } from 'react';
import { browserContext } from '../api/browserContext';
import { supportApiRef } from '../api/supportApiRef';

/** The context shown in the dialog and sent with feedback, and the sending. */
export function useSubmitFeedback() {
  const supportApi = useApi(supportApiRef);
  const configApi = useApi(configApiRef);
  const [state, setState] = useState<{
    sending: boolean;
    sent?: SupportFeedback;
    failure?: string;
  }>({ sending: false });
  const context = useCallback(() => browserContext(configApi), [configApi]);
  const submit = useCallback(
    async (rating: number, text: string) => {
      setState({ sending: true });
      try {
        const sent = await supportApi.createFeedback({
          rating,
          text,
          context: context(),
        });
        setState({ sending: false, sent });
      } catch (error) {
        setState({ sending: false, failure: errorMessage(error) });
      }
    },
    [supportApi, context],
  );
  const reset = useCallback(() => setState({ sending: false }), []);
  return { ...state, context, submit, reset };
}
