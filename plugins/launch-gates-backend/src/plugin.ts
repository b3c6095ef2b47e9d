import path from 'node:path';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  dependencyHealthServiceRef,
  NotificationCounter,
  ReadableEntitiesCache,
  throughDependency,
} from '@vigil/backend-kit';
import { launchGatesPermissions } from '@vigil/backstage-plugin-launch-gates-common';
import {
  launchGatesCheckProvidersExtensionPoint,
  type LaunchGatesCheckProvider,
} from '@vigil/backstage-plugin-launch-gates-node';
import { readLaunchGatesConfig } from './config';
import { DatabaseLaunchGatesStore } from './database/DatabaseLaunchGatesStore';
import {
  builtInCheckProviders,
  CheckEvaluator,
  CheckProviderRegistry,
  TemplateCatalog,
} from './evaluation';
import { createRouter } from './router';
import { DecisionService } from './service/DecisionService';
import {
  EVALUATION_TASK_ID,
  runScheduledCycle,
} from './service/scheduledCycle';
import { LaunchGatesAuthorizer } from './service/LaunchGatesAuthorizer';
import { ReopenNotifier } from './service/ReopenNotifier';
import { ReportService } from './service/ReportService';
import { ReviewEvaluationService } from './service/ReviewEvaluationService';
import { ReviewService } from './service/ReviewService';

/**
 * Vigil's launch gates: Go/No-Go readiness reviews of catalog entities from
 * templates as code, automated checks that gather their own evidence from
 * the other plugins (re-evaluated on a schedule and on demand), manual
 * checks, waivers and product-owner sign-offs as append-only audited
 * records, and the evidence export. Other plugins add check providers
 * through `launchGatesCheckProvidersExtensionPoint`.
 *
 * @public
 */
export const launchGatesPlugin = createBackendPlugin({
  pluginId: 'launch-gates',
  register(env) {
    const extraProviders: Array<LaunchGatesCheckProvider<any>> = [];
    env.registerExtensionPoint(launchGatesCheckProvidersExtensionPoint, {
      addCheckProvider(...providers) {
        extraProviders.push(...providers);
      },
    });

    env.registerInit({
      deps: {
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        metrics: metricsServiceRef,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        notifications: notificationService,
        dependencyHealth: dependencyHealthServiceRef,
      },
      async init(deps) {
        const { auth, catalog, logger, permissions } = deps;
        const settings = readLaunchGatesConfig(deps.config);
        const store = await DatabaseLaunchGatesStore.create({
          database: deps.database,
        });
        deps.permissionsRegistry.addPermissions(launchGatesPermissions);

        // Built-ins and other plugins' providers in one registry: ids are
        // unique across both, so a template's `provider:` means one thing.
        const registry = new CheckProviderRegistry([
          ...builtInCheckProviders({
            reportSource: {
              latest: async (entityRef, kind) =>
                (
                  await store.listReports({
                    entityRefs: [entityRef],
                    kind,
                    limit: 1,
                    offset: 0,
                  })
                ).items[0],
            },
          }),
          ...extraProviders,
        ]);
        const templates = await TemplateCatalog.load({
          directories: (settings.templateDirectories ?? []).map(dir =>
            path.resolve(dir),
          ),
          registry,
          logger,
        });
        const evaluator = new CheckEvaluator({
          registry,
          auth,
          discovery: deps.discovery,
          evidenceDirectory: settings.evidenceDirectory
            ? path.resolve(settings.evidenceDirectory)
            : undefined,
          linkBase: settings.linkBase,
          prometheusUrl: settings.prometheusUrl,
          appBaseUrl: settings.appBaseUrl,
          portalAliases: settings.portalAliases,
          logger,
          timeoutMs: settings.timeoutMs,
          dependencyHealth: deps.dependencyHealth,
        });

        const authorizer = new LaunchGatesAuthorizer({
          auth,
          permissions,
          userInfo: deps.userInfo,
        });
        const visibility = new ReadableEntitiesCache({
          auth,
          permissions,
          catalog,
          entityRefs: () => store.listEntityRefs(),
        });
        const now = () => new Date();
        const evaluation = new ReviewEvaluationService({
          store,
          evaluator,
          catalog,
          auth,
          notifier: new ReopenNotifier({
            // A timeout and a circuit breaker; sending is never retried.
            notifications: throughDependency(
              deps.notifications,
              deps.dependencyHealth.dependency('notifications', {
                displayName: 'The notifications backend',
              }),
              ['send'],
            ),
            auditor: deps.auditor,
            logger,
            counter: NotificationCounter.create(deps.metrics),
          }),
          logger,
          now,
          concurrency: settings.concurrency,
        });
        const reviews = new ReviewService({
          store,
          templates,
          evaluation,
          authorizer,
          catalog,
          visibility,
          logger,
          now,
        });
        const decisions = new DecisionService({
          store,
          reviews,
          evaluation,
          authorizer,
          sreGroups: settings.sreGroups,
          now,
        });
        const reports = new ReportService({
          store,
          evaluation,
          authorizer,
          visibility,
          now,
        });
        deps.lifecycle.addShutdownHook(() => reviews.idle());

        await deps.scheduler.scheduleTask({
          id: EVALUATION_TASK_ID,
          scope: 'global',
          frequency: settings.frequency,
          timeout: { minutes: 30 },
          initialDelay: { seconds: 30 },
          fn: () => runScheduledCycle(evaluation, logger),
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            logger,
            templates,
            reviews,
            decisions,
            reports,
            authorizer,
          }),
        );
      },
    });
  },
});
