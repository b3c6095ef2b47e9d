/**
 * The sandbox's synthetic services (checkout, inventory) in one process on
 * 127.0.0.1:8090, with RED metrics, fault injection and a traffic generator;
 * started by `./vigil start --sandbox` (scripts/lib/sandbox.mjs).
 */
import { ConfigError, readConfig } from './config';
import { startSandbox } from './server';

export { createApp } from './app';
export type { SandboxAppOptions } from './app';
export { SANDBOX_SERVICES } from './catalog';
export type { SandboxRoute, SandboxServiceDefinition } from './catalog';
export { faultSettingsSchema, NO_FAULTS, SandboxFaults } from './faults';
export type { FaultSettings } from './faults';
export type { HistoryReset, TrafficStatus } from './admin';
export { startSandbox } from './server';
export type { RunningSandbox } from './server';

const say = (message: string) =>
  process.stdout.write(`${new Date().toISOString()} sandbox: ${message}\n`);

async function main() {
  let config;
  try {
    config = readConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`sandbox: invalid environment: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  let sandbox;
  try {
    sandbox = await startSandbox(config, { log: say });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    process.stderr.write(
      `sandbox: cannot start: ${
        e.code === 'EADDRINUSE'
          ? `port ${config.port} is in use: stop what holds it or set SANDBOX_PORT`
          : e.message
      }\n`,
    );
    process.exit(1);
  }
  say(
    `synthetic services on ${sandbox.url} (metrics ${sandbox.url}/metrics); traffic ${config.trafficPerSecond} requests/s to each`,
  );
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      say(`${signal}: stopping the traffic and the server`);
      sandbox.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

if (require.main === module) {
  main();
}
