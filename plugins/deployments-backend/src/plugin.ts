import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { ReadableEntitiesCache } from '@vigil/backend-kit';
import { deploymentsPermissions } from '@vigil/backstage-plugin-deployments-common';
import { readDeploymentsConfig } from './config';
import { DatabaseDeploymentsStore } from './database/DatabaseDeploymentsStore';
import { createRouter } from './router';
import { DeploymentsAuthorizer } from './service/DeploymentsAuthorizer';
import { DeploymentsService } from './service/DeploymentsService';

/**
 * Vigil's deployments backend: records of every deploy, rollback and
 * rollback drill of a catalog entity, posted by the deploy CLI (with its
 * static token) or an owner, read by whoever may read the entity; DORA
 * figures per entity.
 *
 * @public
 */
export const deploymentsPlugin = createBackendPlugin({
  pluginId: 'deployments',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { auth, catalog, logger, permissions } = deps;
        const settings = readDeploymentsConfig(deps.config);
        if (!settings.deployTokenConfigured) {
          logger.info(
            `No static external access token with subject ${settings.deployTokenSubject} is configured for plugin deployments (backend.auth.externalAccess): the deploy CLI cannot post records, users and other backends still can`,
          );
        }
        const store = await DatabaseDeploymentsStore.create({
          database: deps.database,
        });
        deps.permissionsRegistry.addPermissions(deploymentsPermissions);

        const deployments = new DeploymentsService({
          store,
          authorizer: new DeploymentsAuthorizer({ auth, permissions }),
          catalog,
          auth,
          visibility: new ReadableEntitiesCache({
            auth,
            permissions,
            catalog,
            entityRefs: () => store.listEntityRefs(),
          }),
          now: Date.now,
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            logger,
            deployments,
          }),
        );
      },
    });
  },
});
