import {
  Color,
  reconcileLiveColor,
} from '@vigil/backstage-plugin-deployments-common';
import { COLORS, DeployContext } from '../context';
import { errorMessage } from '../errorMessage';
import {
  ServerStat,
  ServerState,
  adminStateOf,
  isServerUp,
} from '../haproxy/RuntimeApi';
import { runtimeApiOf } from '../haproxy/runtimeApiOf';
import { instanceRunning } from '../instances/ownedProcess';
import { DeployState, readDeployState } from '../state/deployState';
import { CLI, proxyColorViews, recordedLive } from '../state/reconcileLive';

export interface ColorStatus {
  color: Color;
  /** HAProxy's view: ready/drain/maint, up or down, open connections. */
  proxy?: { admin: string; up: boolean; status: string; connections: number };
  instance?: {
    pid: number;
    port: number;
    running: boolean;
    version: string;
    commit: string;
    startedAt: string;
    logFile: string;
  };
}

export interface DeployStatus {
  live?: Color;
  /** Which colours HAProxy sends new requests to. */
  proxyLive?: Color[];
  proxyError?: string;
  colors: ColorStatus[];
  previous?: { version: string; commit: string };
  /** What the proxy's address answers on GET /version. */
  frontend?: { version?: string; color?: string; error?: string };
  /**
   * HAProxy and state.json disagree: what is wrong and the command that
   * settles it (deploy and rollback refuse until then), or a note that the
   * next command corrects state.json.
   */
  problem?: string;
}

/** What is live: state.json, HAProxy's runtime API and the proxy's /version. */
export async function status(ctx: DeployContext): Promise<DeployStatus> {
  const state = readDeployState(ctx.paths.stateFile);
  const result: DeployStatus = {
    live: state.live,
    colors: [],
    ...(state.previous
      ? {
          previous: {
            version: state.previous.version,
            commit: state.previous.commit,
          },
        }
      : {}),
  };
  const { servers, stats } = await readProxy(ctx, state, result);
  result.colors = COLORS.map(color =>
    colorStatus(ctx, state, color, servers, stats),
  );
  result.frontend = await frontendVersion(ctx);
  return result;
}

/**
 * HAProxy's view, and any disagreement with state.json, into `result`. A
 * proxy that does not answer is part of the status, not an error.
 */
async function readProxy(
  ctx: DeployContext,
  state: DeployState,
  result: DeployStatus,
): Promise<{ servers: ServerState[]; stats: ServerStat[] }> {
  const api = runtimeApiOf(ctx);
  let servers: ServerState[] = [];
  let stats: ServerStat[] = [];
  try {
    servers = await api.serversState(ctx.backend);
    stats = await api.stat();
    result.proxyLive = servers
      .filter(s => adminStateOf(s) === 'ready' && isServerUp(s))
      .map(s => s.name as Color);
    const reconciled = reconcileLiveColor(
      proxyColorViews(servers),
      recordedLive(state),
      CLI,
    );
    if (reconciled.kind === 'conflict') {
      result.problem = `${reconciled.problem}; deploy and rollback refuse until it is settled with: ${reconciled.recovery}`;
    } else if (reconciled.kind === 'live' && reconciled.corrected) {
      result.problem = `state.json calls ${
        state.live ?? 'nothing'
      } live, HAProxy sends traffic to ${
        reconciled.live
      } (a CLI stopped halfway); the next deploy or rollback corrects state.json`;
    }
  } catch (error) {
    result.proxyError = errorMessage(error);
  }
  return { servers, stats };
}

function colorStatus(
  ctx: DeployContext,
  state: DeployState,
  color: Color,
  servers: ServerState[],
  stats: ServerStat[],
): ColorStatus {
  const server = servers.find(s => s.name === color);
  const stat = stats.find(s => s.backend === ctx.backend && s.name === color);
  const instance = state.instances[color];
  return {
    color,
    ...(server && stat
      ? {
          proxy: {
            admin: adminStateOf(server),
            up: isServerUp(server),
            status: stat.status,
            connections: stat.currentSessions,
          },
        }
      : {}),
    ...(instance
      ? {
          instance: {
            pid: instance.pid,
            port: instance.port,
            running: instanceRunning(instance),
            version: instance.release.version,
            commit: instance.release.commit,
            startedAt: instance.startedAt,
            logFile: instance.logFile,
          },
        }
      : {}),
  };
}

/** What users reach: the proxy's own answer on GET /version. */
async function frontendVersion(
  ctx: DeployContext,
): Promise<DeployStatus['frontend']> {
  try {
    const res = await fetch(`${ctx.frontendUrl}/version`, {
      signal: AbortSignal.timeout(2000),
    });
    return res.ok
      ? ((await res.json()) as { version: string; color: string })
      : { error: `GET ${ctx.frontendUrl}/version answered ${res.status}` };
  } catch (error) {
    return {
      error: `${ctx.frontendUrl} does not answer (${
        ((error as Error).cause as Error | undefined)?.message ??
        errorMessage(error)
      })`,
    };
  }
}
