import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { SANDBOX_SERVICES } from './catalog';
import type { SandboxConfig } from './config';
import { SandboxFaults } from './faults';
import { SandboxMetrics } from './metrics';
import { deleteSandboxSeries } from './prometheusHistory';
import { TrafficGenerator } from './traffic';

/** A listening sandbox process. @public */
export interface RunningSandbox {
  url: string;
  traffic: TrafficGenerator;
  /** Stops the traffic, then the server (open requests finish first). */
  stop(): Promise<void>;
}

/** Starts the sandbox: the synthetic services, their metrics, the admin API and the traffic. */
export async function startSandbox(
  config: SandboxConfig,
  options: { log?: (message: string) => void; collectDefaults?: boolean } = {},
): Promise<RunningSandbox> {
  const services = SANDBOX_SERVICES;
  const faults = new SandboxFaults(services.map(s => s.name));
  const metrics = new SandboxMetrics(services, {
    collectDefaults: options.collectDefaults,
  });
  // Built once the server listens (its port may be chosen by the system).
  const state: { traffic?: TrafficGenerator } = {};
  const { prometheusUrl } = config;
  const app = createApp({
    services,
    faults,
    metrics,
    adminToken: config.adminToken,
    resetHistory: prometheusUrl
      ? () => deleteSandboxSeries(prometheusUrl)
      : undefined,
    traffic: () => state.traffic?.status(),
    log: options.log,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () =>
      resolve(listening),
    );
    listening.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  const traffic = new TrafficGenerator({
    baseUrl: url,
    services,
    requestsPerSecond: config.trafficPerSecond,
  });
  state.traffic = traffic;
  traffic.start();
  return {
    url,
    traffic,
    async stop() {
      await traffic.stop();
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
