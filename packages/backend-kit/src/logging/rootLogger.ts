/*
 * The root logger: Backstage's WinstonLogger (same format, level, meta,
 * overrides and config-secret redaction as the default factory) behind the
 * SanitizingLogger, so every plugin's log lines escape control characters,
 * cap long values and never carry tokens or secrets; plus, when
 * `vigil.logging.file.path` is set, a rotating JSON log file for the log
 * shipper (logFile.ts). The console output stays as Backstage prints it.
 */
import { createConfigSecretEnumerator } from '@backstage/backend-defaults/rootConfig';
import {
  WinstonLogger,
  type WinstonLoggerLevelOverride,
} from '@backstage/backend-defaults/rootLogger';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { transports } from 'winston';
import { SanitizingLogger } from '../logSanitizer';
import { createLogFileTransport, readLogFileSettings } from './logFile';

function levelOverrides(config: Config): WinstonLoggerLevelOverride[] {
  return (config.getOptionalConfigArray('backend.logger.overrides') ?? []).map(
    override => ({
      matchers: override
        .getConfig('matchers')
        .get() as WinstonLoggerLevelOverride['matchers'],
      level: override.getString('level'),
    }),
  );
}

/**
 * Options of {@link createRootLoggerServiceFactory}.
 * @public
 */
export interface RootLoggerOptions {
  /**
   * Environment variables holding secrets (tokens handed to the backend):
   * their values are redacted even where no config key names them.
   */
  secretEnv?: readonly string[];
}

/**
 * The backend's root logger service factory (see the file comment).
 * @public
 */
export function createRootLoggerServiceFactory(
  options: RootLoggerOptions = {},
) {
  return createServiceFactory({
    service: coreServices.rootLogger,
    deps: { config: coreServices.rootConfig },
    async factory({ config }) {
      const fileSettings = readLogFileSettings(config);
      const file = fileSettings
        ? await createLogFileTransport(fileSettings)
        : undefined;
      const winston = WinstonLogger.create({
        meta: {
          service: 'backstage',
          ...config.getOptionalConfig('backend.logger.meta')?.get<object>(),
        },
        level:
          process.env.LOG_LEVEL ||
          config.getOptionalString('backend.logger.level') ||
          'info',
        transports: [
          new transports.Console(),
          ...(file ? [file.transport] : []),
        ],
      });
      const logger = new SanitizingLogger(winston);
      const secrets = await createConfigSecretEnumerator({ logger: winston });
      const redact = () => {
        const values = [
          ...secrets(config),
          ...(options.secretEnv ?? []).map(name => process.env[name] ?? ''),
        ];
        winston.addRedactions(values);
        logger.addRedactions(values);
        file?.addRedactions(values);
      };
      redact();
      config.subscribe?.(redact);
      winston.setLevelOverrides(levelOverrides(config));
      config.subscribe?.(() =>
        winston.setLevelOverrides(levelOverrides(config)),
      );
      if (file) {
        logger.info(`Writing JSON logs to ${file.file} for the log shipper`);
      }
      return logger;
    },
  });
}
