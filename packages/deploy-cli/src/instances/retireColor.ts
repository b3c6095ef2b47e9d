import type { Color } from '@vigil/backstage-plugin-deployments-common';
import type { DeployContext } from '../context';
import { errorMessage } from '../errorMessage';
import { runtimeApiOf } from '../haproxy/runtimeApiOf';
import type { DeployState } from '../state/deployState';
import { saveState } from '../state/saveState';
import { stopRecordedInstance } from './ownedProcess';

/**
 * Stops an instance the state knows of, after putting its server in
 * maintenance, and forgets it.
 */
export async function retireColor(
  ctx: DeployContext,
  state: DeployState,
  color: Color,
): Promise<void> {
  try {
    await runtimeApiOf(ctx).setServerState(ctx.backend, color, 'maint');
  } catch (error) {
    // Stopping the process matters more: HAProxy's health checks take a
    // stopped server out anyway.
    ctx.log(`  could not put ${color} in maintenance: ${errorMessage(error)}`);
  }
  const instance = state.instances[color];
  if (instance) await stopRecordedInstance(instance);
  delete state.instances[color];
  saveState(ctx, state);
}
