import { ConfigError, readConfig } from './config';
import { startService } from './service';

async function main() {
  let config;
  try {
    config = readConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`scoring-api: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  let service;
  try {
    service = await startService(config);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why =
      e.code === 'EADDRINUSE'
        ? `port ${config.port} is in use: stop what holds it or set SCORING_PORT`
        : e.message;
    process.stderr.write(`scoring-api: cannot start: ${why}\n`);
    process.exit(1);
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      service.shutdown(signal).then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main();
