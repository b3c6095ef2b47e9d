/*
 * The root logger (@vigil/backend-kit): Backstage's WinstonLogger behind the
 * SanitizingLogger (no control characters, long values capped, no tokens or
 * secrets), and the rotating JSON log file of vigil.logging.file that the
 * log shipper sends to the logs store.
 */
import { createRootLoggerServiceFactory } from '@vigil/backend-kit';

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

export const rootLoggerServiceFactory = createRootLoggerServiceFactory({
  secretEnv: SECRET_ENV,
});
