import type { Color } from '@vigil/backstage-plugin-deployments-common';
import { HaproxyRuntimeApi, adminStateOf, isServerUp } from './RuntimeApi';

export interface SwitchResult {
  /**
   * When `to` took traffic: ready and up in HAProxy (its health checks on
   * /readyz passing). `from` is set to drain right after (one runtime API
   * command). Before waiting for `from`'s open requests to finish: a
   * rollback's RTO ends here, not once the bad colour has drained.
   */
  switchedAt: Date;
  /** Whether the old colour's open requests finished within the drain timeout. */
  drained: boolean;
  drainMs: number;
}

/**
 * Moves traffic to `to`: makes it ready and waits until HAProxy's health
 * checks find it up, then drains `from` (no new requests; open ones
 * finish) and waits until it has no open connections. Both colours serve
 * for a moment, which is what makes the switch drop nothing.
 */
export async function switchTraffic(
  api: Pick<HaproxyRuntimeApi, 'setServerState' | 'waitForServer'>,
  backend: string,
  options: {
    to: Color;
    from?: Color;
    upTimeoutMs?: number;
    drainTimeoutMs?: number;
  },
): Promise<SwitchResult> {
  await api.setServerState(backend, options.to, 'ready');
  await api.waitForServer(
    backend,
    options.to,
    (state, stat) =>
      isServerUp(state) &&
      adminStateOf(state) === 'ready' &&
      stat.checkStatus === 'L7OK',
    {
      timeoutMs: options.upTimeoutMs ?? 10_000,
      what: 'up (health checks on /readyz passing)',
    },
  );
  const switchedAt = new Date();
  if (!options.from) return { switchedAt, drained: true, drainMs: 0 };
  await api.setServerState(backend, options.from, 'drain');
  const started = Date.now();
  try {
    await api.waitForServer(
      backend,
      options.from,
      (_state, stat) => stat.currentSessions === 0,
      { timeoutMs: options.drainTimeoutMs ?? 15_000, what: 'drained' },
    );
    return { switchedAt, drained: true, drainMs: Date.now() - started };
  } catch {
    return { switchedAt, drained: false, drainMs: Date.now() - started };
  }
}

/** The colours HAProxy sends new requests to: ready (not drain/maint) and up. */
export async function liveColors(
  api: HaproxyRuntimeApi,
  backend: string,
): Promise<Color[]> {
  const servers = await api.serversState(backend);
  return servers
    .filter(s => adminStateOf(s) === 'ready' && isServerUp(s))
    .map(s => s.name)
    .filter((name): name is Color => name === 'blue' || name === 'green');
}
