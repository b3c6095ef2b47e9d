import type {
  Color,
  TrafficOn,
} from '@vigil/backstage-plugin-deployments-common';
import type { HaproxyRuntimeApi } from './RuntimeApi';
import { liveColors } from './switchTraffic';

/** Where traffic is after a failure, read from HAProxy. */
export async function whereIsTraffic(
  api: HaproxyRuntimeApi,
  backend: string,
  newColor: Color,
  oldColor: Color | undefined,
): Promise<TrafficOn> {
  try {
    const live = await liveColors(api, backend);
    if (live.length === 1 && live[0] === oldColor) return 'old';
    if (live.length === 1 && live[0] === newColor) return 'new';
    if (live.length === 0 && !oldColor) return 'old';
    return 'unknown';
  } catch {
    // An unreadable proxy is itself the answer: nobody can say.
    return 'unknown';
  }
}
