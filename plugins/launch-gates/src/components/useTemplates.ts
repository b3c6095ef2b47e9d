import { useApi } from '@backstage/core-plugin-api';
import type { TemplateList } from '@vigil/backstage-plugin-launch-gates-common';
import useAsync from 'react-use/esm/useAsync';
import { launchGatesApiRef } from '../api/LaunchGatesApi';

/** The review templates (and the problems of files that did not validate). */
export function useTemplates(enabled: boolean) {
  const api = useApi(launchGatesApiRef);
  return useAsync(
    async (): Promise<TemplateList | undefined> =>
      enabled ? api.listTemplates() : undefined,
    [api, enabled],
  );
}
