import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { Publisher, TechdocsGenerator } from '@backstage/plugin-techdocs-node';
import { createStarterScheduleAction } from './actions/createStarterSchedule';
import { createPublishTechDocsAction } from './actions/publishTechDocs';
import { createWriteServiceAction } from './actions/writeService';
import { HttpCatalogLookup } from './CatalogLookup';
import { resolveCatalogFolder } from './catalogFolder';

/**
 * The "Add your service" template's actions: write a service's files into
 * the catalog folder, publish its TechDocs, create its starter on-call
 * schedule.
 *
 * @public
 */
export const scaffolderModuleOnboarding = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'onboarding',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, logger, discovery, auth }) {
        const catalogFolder = resolveCatalogFolder(config);
        const catalog = new HttpCatalogLookup(discovery, auth);
        // The same generator and publisher as the TechDocs backend and
        // scripts/build-techdocs.cjs, from the app config.
        const generator = TechdocsGenerator.fromConfig(config, { logger });
        const publisher = await Publisher.fromConfig(config, {
          logger,
          discovery,
        });
        scaffolder.addActions(
          createWriteServiceAction({
            catalogFolder,
            catalog,
            portalBaseUrl: config.getOptionalString('app.baseUrl'),
          }),
          createPublishTechDocsAction({
            catalogFolder,
            catalog,
            generator,
            publisher,
            catalogWaitMs:
              (config.getOptionalNumber(
                'vigil.onboarding.catalogWait.seconds',
              ) ?? 60) * 1000,
          }),
          createStarterScheduleAction({ catalogFolder, discovery, auth }),
        );
        logger.info(`Add your service writes into ${catalogFolder}`);
      },
    });
  },
});
