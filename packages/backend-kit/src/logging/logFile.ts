import type { Config } from '@backstage/config';
import { WinstonLogger } from '@backstage/backend-defaults/rootLogger';
import path from 'node:path';
import pinoRoll from 'pino-roll';
import * as winston from 'winston';
import { currentLogRequestContext } from './requestContext';

/**
 * Where and how the backend writes its JSON log file
 * (`vigil.logging.file.*`, see config.d.ts).
 * @public
 */
export interface LogFileSettings {
  /** `<path without extension>.<n>.<extension>`, numbered as it rotates. */
  path: string;
  /** Rotate at this size (`10m`, `500k`, `1g`). */
  maxSize: string;
  /** Rotate at least this often: `daily`, `hourly` or milliseconds. */
  frequency: string | number;
  /** Rotated files kept besides the current one; older ones are deleted. */
  maxFiles: number;
  /** The `service` of every line (the logs store's service; `vigil`). */
  service: string;
}

// winston's (triple-beam's) key of the level as logged, before colouring.
const LEVEL = Symbol.for('level');
// ... and of the formatted line.
const MESSAGE = Symbol.for('message');
const { format } = winston;
type transport = winston.transport;
// The transports' base class: `winston.Transport` at run time (winston's
// declarations only name its instance type, `transport`).
type TransportConstructor = new (options?: {
  format?: ReturnType<typeof format.combine>;
}) => transport;
const TransportBase = (
  winston as unknown as { Transport: TransportConstructor }
).Transport;
const SIZE = /^[1-9][0-9]*[kmg]$/;
const FREQUENCY = /^(daily|hourly)$/;

/** The port the backend listens on (`backend.listen`: ":7007", a port or an object). */
function listenPort(config: Config): string {
  const listen = config.getOptional('backend.listen');
  if (typeof listen === 'number') return String(listen);
  if (typeof listen === 'string') return listen.split(':').pop() || '7007';
  const port = config.getOptional('backend.listen.port');
  return port === undefined ? '7007' : String(port);
}

/**
 * The log file settings, or undefined when `vigil.logging.file.path` is not
 * set (console only). `{port}` in the path is the backend's listen port, so
 * replicas on one host write files of their own. Relative paths are from
 * the backend's working directory.
 * @public
 */
export function readLogFileSettings(
  config: Config,
): LogFileSettings | undefined {
  const file = config.getOptionalConfig('vigil.logging.file');
  const filePath = file?.getOptionalString('path');
  if (!file || !filePath) return undefined;
  const maxSize = file.getOptionalString('maxSize') ?? '10m';
  if (!SIZE.test(maxSize)) {
    throw new Error(
      `vigil.logging.file.maxSize must be like 10m, 500k or 1g, not ${maxSize}`,
    );
  }
  const frequency = file.getOptional('frequency') ?? 'daily';
  if (
    !(typeof frequency === 'number' && frequency >= 1000) &&
    !(typeof frequency === 'string' && FREQUENCY.test(frequency))
  ) {
    throw new Error(
      `vigil.logging.file.frequency must be daily, hourly or milliseconds (at least 1000), not ${frequency}`,
    );
  }
  const maxFiles = file.getOptionalNumber('maxFiles') ?? 7;
  if (!Number.isInteger(maxFiles) || maxFiles < 1) {
    throw new Error('vigil.logging.file.maxFiles must be a whole number >= 1');
  }
  return {
    path: path.resolve(filePath.split('{port}').join(listenPort(config))),
    maxSize,
    frequency: frequency as string | number,
    maxFiles,
    service: file.getOptionalString('service') ?? 'vigil',
  };
}

/**
 * The JSON log file as a winston transport and what the root logger does
 * with it. @public
 */
export interface LogFileTransport {
  /** A winston transport, for `WinstonLogger.create({ transports })`. */
  transport: winston.transport;
  /** The file written now. */
  file: string;
  /** Values never to write (the configuration's secrets). */
  addRedactions(values: Iterable<string>): void;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/**
 * One JSON object per line for the log shipper (ops/rsyslog): `level`,
 * `message`, an ISO `timestamp`, `service`, the Backstage fields (plugin,
 * type, ...) and, inside a request, `request_id`, `trace_id`, `span_id`.
 * Rotated by pino-roll; the console output is unchanged.
 * @public
 */
export async function createLogFileTransport(
  settings: LogFileSettings,
): Promise<LogFileTransport> {
  const roll = await pinoRoll({
    file: settings.path,
    size: settings.maxSize,
    frequency: settings.frequency,
    limit: { count: settings.maxFiles, removeOtherLogFiles: true },
    mkdir: true,
  });
  if (!roll.file) await new Promise(resolve => roll.once('ready', resolve));
  // Writes are asynchronous: what is buffered when the process exits (a
  // shutdown's last lines) is written synchronously then.
  const flushOnExit = () => {
    try {
      roll.flushSync();
    } catch {
      // closed already
    }
  };
  process.once('exit', flushOnExit);
  const redacter = WinstonLogger.redacter();
  const fields = format(info => {
    const context = currentLogRequestContext();
    // The console's format may have coloured the level; the file wants it
    // plain. The root meta's service (`backstage`) becomes the store's.
    info.level =
      (info as unknown as Record<symbol, string>)[LEVEL] ?? info.level;
    info.service = settings.service;
    if (context) {
      info.request_id ??= context.requestId;
      info.trace_id ??= context.traceId;
      info.span_id ??= context.spanId;
    }
    return info;
  });
  // pino-roll's stream is a sonic-boom, not a Node stream (winston's Stream
  // transport refuses it): a transport of our own writes each line.
  class RollingFileTransport extends TransportBase {
    log(info: Record<symbol, unknown>, callback: () => void) {
      roll.write(`${info[MESSAGE]}\n`);
      callback();
    }
  }
  const transport = new RollingFileTransport({
    format: format.combine(
      fields(),
      format.timestamp(),
      format.json(),
      redacter.format,
    ),
  });
  return {
    transport,
    get file() {
      return roll.file;
    },
    addRedactions: values => redacter.add(values),
    close: () =>
      new Promise<void>(resolve => {
        process.off('exit', flushOnExit);
        roll.once('close', () => resolve());
        roll.flush(() => roll.end());
      }),
  };
}
