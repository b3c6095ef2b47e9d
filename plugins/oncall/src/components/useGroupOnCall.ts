import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { onCallApiRef } from '../api';

/** A group's schedules and escalation policies. */
export function useGroupOnCall(groupRef: string) {
  const api = useApi(onCallApiRef);
  return useAsyncRetry(async () => {
    const [schedules, policies] = await Promise.all([
      api.listSchedules({ ownerRef: [groupRef], limit: 100 }),
      api.listPolicies({ ownerRef: [groupRef], limit: 100 }),
    ]);
    return { schedules: schedules.items, policies: policies.items };
  }, [api, groupRef]);
}
