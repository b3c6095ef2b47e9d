import type { Color } from '@vigil/backstage-plugin-deployments-common';
import type { DeployContext } from '../context';
import type { DeployState } from '../state/deployState';
import { saveState } from '../state/saveState';
import type { HaproxyRuntimeApi } from './RuntimeApi';
import { SwitchResult, switchTraffic } from './switchTraffic';

/**
 * Moves traffic with the pending-switch marker around it: state.json says
 * which switch was under way if the CLI dies before it is through.
 */
export async function markedSwitch(
  ctx: DeployContext,
  api: HaproxyRuntimeApi,
  state: DeployState,
  options: { to: Color; from?: Color; toward: 'release' | 'restore' },
): Promise<SwitchResult> {
  state.switching = {
    ...(options.from ? { from: options.from } : {}),
    to: options.to,
    toward: options.toward,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  };
  saveState(ctx, state);
  const switched = await switchTraffic(api, ctx.backend, {
    to: options.to,
    from: options.from,
  });
  state.live = options.to;
  delete state.switching;
  saveState(ctx, state);
  return switched;
}
