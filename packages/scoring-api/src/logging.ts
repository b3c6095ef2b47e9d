import { once } from 'node:events';
import { hostname } from 'node:os';
import path from 'node:path';
import pino, { DestinationStream, Logger } from 'pino';
import pinoRoll from 'pino-roll';
import type { ServiceConfig } from './config';

/** The scoring API's logger and how to flush its file on shutdown. */
export interface ServiceLogger {
  logger: Logger;
  /** The current log file, when logging to files (SCORING_LOG_DIR). */
  file?: string;
  /** Flushes and closes the log file (stdout stays open). */
  close(): Promise<void>;
}

/**
 * The options every scoring API logger shares: JSON lines with the level as
 * its name, an ISO 8601 `time`, the service, host and colour on every line
 * (the log shipper and the logs store read these fields).
 */
export function loggerOptions(config: ServiceConfig): pino.LoggerOptions {
  return {
    level: config.logLevel,
    base: {
      service: 'scoring-api',
      hostname: hostname(),
      color: config.build.color,
      version: config.build.version,
    },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: label => ({ level: label }) },
  };
}

/**
 * The file a colour's instance writes in `logDir`: pino-roll numbers it
 * (scoring-blue.1.json, scoring-blue.2.json, ...) as it rotates.
 */
export function logFileBase(logDir: string, color: string): string {
  return path.join(logDir, `scoring-${color}.json`);
}

/**
 * A logger writing to stdout and, with SCORING_LOG_DIR, to a rotating file
 * there (SCORING_LOG_MAX_SIZE, SCORING_LOG_FREQUENCY; SCORING_LOG_FILES
 * older files kept, the rest deleted). `stdout` is replaceable for tests.
 */
export async function createServiceLogger(
  config: ServiceConfig,
  stdout: DestinationStream = process.stdout,
): Promise<ServiceLogger> {
  const options = loggerOptions(config);
  if (!config.logFile || config.logLevel === 'silent') {
    return { logger: pino(options, stdout), close: async () => undefined };
  }
  const roll = await pinoRoll({
    file: logFileBase(config.logFile.dir, config.build.color),
    size: config.logFile.maxSize,
    frequency: config.logFile.frequency,
    limit: { count: config.logFile.keep, removeOtherLogFiles: true },
    mkdir: true,
  });
  // The file is open (and named) once the stream is ready.
  if (!roll.file) await once(roll, 'ready');
  const level = config.logLevel as pino.Level;
  const logger = pino(
    options,
    pino.multistream([
      { level, stream: stdout },
      { level, stream: roll },
    ]),
  );
  return {
    logger,
    get file() {
      return roll.file;
    },
    close: () =>
      new Promise<void>(resolve => {
        roll.once('close', () => resolve());
        roll.flush(() => roll.end());
      }),
  };
}
