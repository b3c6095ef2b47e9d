/*
 * The root logger: Backstage's WinstonLogger (same format, level, meta,
 * overrides and config-secret redaction as the default factory) behind
 * @vigil/backend-kit's SanitizingLogger, so every plugin's log lines escape
 * control characters, cap long values and never carry tokens or secrets.
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
import { SanitizingLogger } from '@vigil/backend-kit';

// Secrets handed to the backend in its environment (scripts/start.mjs
// ensureSecrets(), production's deployment): redacted even where no config
// key names them.
const SECRET_ENV = [
  'VIGIL_ALERTMANAGER_WEBHOOK_TOKEN',
  'VIGIL_SCORING_ADMIN_TOKEN',
  'VIGIL_OIDC_CLIENT_SECRET',
  'VIGIL_OIDC_DEMO_PASSWORD',
  'VIGIL_AUTH_SESSION_SECRET',
  'BACKEND_SECRET',
  'POSTGRES_PASSWORD',
];

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

export const rootLoggerServiceFactory = createServiceFactory({
  service: coreServices.rootLogger,
  deps: { config: coreServices.rootConfig },
  async factory({ config }) {
    const winston = WinstonLogger.create({
      meta: {
        service: 'backstage',
        ...config.getOptionalConfig('backend.logger.meta')?.get<object>(),
      },
      level:
        process.env.LOG_LEVEL ||
        config.getOptionalString('backend.logger.level') ||
        'info',
    });
    const logger = new SanitizingLogger(winston);
    const secrets = await createConfigSecretEnumerator({ logger: winston });
    const redact = () => {
      const values = [
        ...secrets(config),
        ...SECRET_ENV.map(name => process.env[name] ?? ''),
      ];
      winston.addRedactions(values);
      logger.addRedactions(values);
    };
    redact();
    config.subscribe?.(redact);
    winston.setLevelOverrides(levelOverrides(config));
    config.subscribe?.(() => winston.setLevelOverrides(levelOverrides(config)));
    return logger;
  },
});
