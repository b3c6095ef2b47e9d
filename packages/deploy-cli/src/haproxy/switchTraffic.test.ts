import type { HaproxyRuntimeApi, ServerState, ServerStat } from './RuntimeApi';
import { switchTraffic } from './switchTraffic';

/**
 * A runtime API that logs what the switch does, in order; `blue` keeps one
 * open connection for ever (a slow request that never finishes draining).
 */
function fakeApi() {
  const events: Array<{ what: string; at: number }> = [];
  const admin: Record<string, number> = { blue: 0, green: 1 };
  const api: Pick<HaproxyRuntimeApi, 'setServerState' | 'waitForServer'> = {
    async setServerState(_backend, server, state) {
      admin[server] = { ready: 0, drain: 8, maint: 1 }[state];
      events.push({ what: `${server} ${state}`, at: Date.now() });
    },
    async waitForServer(_backend, server, condition, options) {
      const state: ServerState = {
        backend: 'scoring',
        name: server,
        address: '127.0.0.1',
        port: 1,
        operationalState: 2,
        adminState: admin[server],
        weight: 1,
      };
      const stat: ServerStat = {
        backend: 'scoring',
        name: server,
        status: 'UP',
        currentSessions: server === 'blue' ? 1 : 0,
        totalSessions: 9,
        weight: 1,
        checkStatus: 'L7OK',
      };
      if (condition(state, stat)) {
        events.push({ what: `${server} ${options.what}`, at: Date.now() });
        return;
      }
      await new Promise(r => setTimeout(r, options.timeoutMs));
      events.push({ what: `${server} not ${options.what}`, at: Date.now() });
      throw new Error('timeout');
    },
  };
  return { api, events };
}

describe('switchTraffic', () => {
  it('switches when the new colour is ready and up, before the old one has drained', async () => {
    const { api, events } = fakeApi();
    const result = await switchTraffic(api, 'scoring', {
      to: 'green',
      from: 'blue',
      drainTimeoutMs: 50,
    });
    expect(events.map(e => e.what)).toEqual([
      'green ready',
      'green up (health checks on /readyz passing)',
      'blue drain',
      'blue not drained',
    ]);
    const upAt = events[1].at;
    const drainAsked = events[2].at;
    const drainGaveUp = events[3].at;
    // The switch is the moment green was up and taking traffic, not when
    // blue's open connections were done (never, here).
    expect(result.switchedAt.getTime()).toBeGreaterThanOrEqual(upAt);
    expect(result.switchedAt.getTime()).toBeLessThanOrEqual(drainAsked);
    expect(result.switchedAt.getTime()).toBeLessThan(drainGaveUp);
    expect(result.drained).toBe(false);
  });

  it('switches when the only colour is up', async () => {
    const { api, events } = fakeApi();
    const result = await switchTraffic(api, 'scoring', { to: 'green' });
    expect(events.map(e => e.what)).toEqual([
      'green ready',
      'green up (health checks on /readyz passing)',
    ]);
    expect(result).toMatchObject({ drained: true, drainMs: 0 });
  });
});
