import {
  Color,
  ProxyColorView,
  RecordedLive,
  reconcileLiveColor,
} from '@vigil/backstage-plugin-deployments-common';
import { COLORS, DeployContext } from '../context';
import {
  HaproxyRuntimeApi,
  ServerState,
  adminStateOf,
  isServerUp,
} from '../haproxy/RuntimeApi';
import { instanceRunning } from '../instances/ownedProcess';
import type { DeployState } from './deployState';
import { saveState } from './saveState';

/** How operators run the CLI, for the recovery commands messages name. */
export const CLI = 'yarn vigil-deploy';

/** The CLI refuses to act: HAProxy and state.json disagree in a way it cannot settle. */
export class LiveColorConflictError extends Error {}

/** Each colour's server as the pure reconciliation sees it. */
export function proxyColorViews(servers: ServerState[]): ProxyColorView[] {
  return COLORS.flatMap(color => {
    const server = servers.find(s => s.name === color);
    return server
      ? [{ color, admin: adminStateOf(server), up: isServerUp(server) }]
      : [];
  });
}

/** What state.json says, with the colours whose process still runs. */
export function recordedLive(state: DeployState): RecordedLive {
  const running = COLORS.filter(color => {
    const instance = state.instances[color];
    return instance !== undefined && instanceRunning(instance);
  });
  return { live: state.live, running, switching: state.switching };
}

/**
 * Reconciles state.json with HAProxy's runtime API before acting: the live
 * colour is the one HAProxy has ready and up (a CLI killed mid-switch
 * leaves state.json naming the wrong one). Corrects and saves state.json;
 * throws LiveColorConflictError, with the one command that recovers, when
 * both colours or none take traffic. Resolves with the live colour, or
 * undefined when nothing takes traffic and nothing runs (a fresh start).
 */
export async function reconcileLive(
  ctx: DeployContext,
  api: HaproxyRuntimeApi,
  state: DeployState,
  action: string,
): Promise<Color | undefined> {
  const servers = await api.serversState(ctx.backend);
  const recorded = recordedLive(state);
  const result = reconcileLiveColor(proxyColorViews(servers), recorded, CLI);
  if (result.kind === 'conflict') {
    const pending = state.switching?.pid
      ? ` (the switch was begun by pid ${state.switching.pid}${
          state.switching.startedAt ? ` at ${state.switching.startedAt}` : ''
        })`
      : '';
    throw new LiveColorConflictError(
      `${result.problem}${pending}; state.json calls ${
        state.live ?? 'nothing'
      } live. Refusing to ${action} until one colour takes traffic; nothing was changed. Recover with: ${
        result.recovery
      }`,
    );
  }
  const live = result.kind === 'live' ? result.live : undefined;
  if (live && !recorded.running.includes(live)) {
    throw new LiveColorConflictError(
      `HAProxy sends traffic to ${live} (port ${ctx.ports[live]}), but state.json records no running instance of ${live} (its pid is gone or state.json was replaced): the CLI cannot tell what serves there. Refusing to ${action}; nothing was changed. Find the process with: ss -ltnp 'sport = :${ctx.ports[live]}'; to start over: ${CLI} up (clients get 503 for a few seconds)`,
    );
  }
  if (state.live !== live || state.switching) {
    if (state.live !== live) {
      ctx.log(
        `  reconciled with HAProxy: state.json called ${
          state.live ?? 'nothing'
        } live, HAProxy sends traffic to ${
          live ?? 'nothing'
        }; state.json now says ${live ?? 'nothing'}`,
      );
    }
    state.live = live;
    // One colour (or none, with nothing running) is live: any half-done
    // switch is settled.
    delete state.switching;
    saveState(ctx, state);
  }
  return live;
}
