import type { DeployContext } from '../context';
import { HaproxyRuntimeApi } from './RuntimeApi';

/** The runtime API of the HAProxy this context deploys behind. */
export function runtimeApiOf(ctx: DeployContext): HaproxyRuntimeApi {
  return new HaproxyRuntimeApi(ctx.socketPath);
}
