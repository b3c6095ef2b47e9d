/*
 * Vigil's Backstage backend: wiring only, no domain logic (see DESIGN.md).
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';
import { catalogServiceFactory } from './catalogService';
import { dependencyMetricsModule } from './dependencyMetrics';
import {
  databaseReadinessProbeModule,
  rootHealthServiceFactory,
} from './rootHealth';
import { rootHttpRouterServiceFactory } from './rootHttpRouter';
import { rootLoggerServiceFactory } from './rootLogger';

const backend = createBackend();

// Root services: errors answered without stacks in every mode, the users'
// and the Alertmanager webhook's rate limits; sanitized logs (no control
// characters, long values capped, no tokens).
backend.add(rootHttpRouterServiceFactory);
backend.add(rootLoggerServiceFactory);
// Dependencies that fail (README): readiness lists every dependency's state
// and is 503 while the database is down; every plugin's catalog calls get a
// timeout, retries of reads and a circuit breaker.
backend.add(rootHealthServiceFactory);
backend.add(databaseReadinessProbeModule);
backend.add(dependencyMetricsModule);
backend.add(catalogServiceFactory);

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Software templates stay available; the GitHub-only actions are left out
// because this portal has no GitHub access.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

backend.add(import('@backstage/plugin-techdocs-backend'));

// Sign-in: OpenID Connect (the local OP of the embedded default, a real IdP
// in production) resolved by verified email to a catalog User; the read-only
// guest only in the embedded default (README, Security > Sign-in).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('./auth/oidcProviderModule'));
backend.add(import('./auth/guestSignIn'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
// Vigil's policy: incident defaults, everything else allowed.
backend.add(import('./permissionPolicy'));

// Search: PostgreSQL engine in production, in-memory Lunr on SQLite.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));
backend.add(import('@vigil/backstage-plugin-search-backend-module-incidents'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
// Notifications (pages among them) also go by email when
// notifications.processors.email is configured (SMTP; see the README): the
// module refuses to start without that configuration.
backend.add(
  createBackendFeatureLoader({
    deps: { config: coreServices.rootConfig },
    *loader({ config }) {
      if (config.has('notifications.processors.email')) {
        yield import('@backstage/plugin-notifications-backend-module-email');
      }
    },
  }),
);
// The events bus: on PostgreSQL a table plus LISTEN/NOTIFY, so an event
// (a signal, a notification) published on one replica reaches subscribers
// on every replica; on SQLite it stays in memory, one process.
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Vigil's plugins.
backend.add(import('@vigil/backstage-plugin-slo-backend'));
backend.add(import('@vigil/backstage-plugin-incidents-backend'));
backend.add(import('@vigil/backstage-plugin-oncall-backend'));
backend.add(import('@vigil/backstage-plugin-deployments-backend'));
backend.add(import('@vigil/backstage-plugin-launch-gates-backend'));
backend.add(import('@vigil/backstage-plugin-service-health-backend'));
backend.add(import('@vigil/backstage-plugin-logs-backend'));
backend.add(import('@vigil/backstage-plugin-rum-backend'));
// Onboarding (issue 17): each helper uncomments its line once its package exports a default feature.
backend.add(import('@vigil/backstage-plugin-support-backend'));
backend.add(import('@vigil/backstage-plugin-sandbox-backend'));
backend.add(
  import('@vigil/backstage-plugin-scaffolder-backend-module-onboarding'),
);
backend.add(
  import('@vigil/backstage-plugin-catalog-backend-module-onboarding'),
);

backend.start();
