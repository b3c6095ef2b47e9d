import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { CatalogFolderProvider } from './CatalogFolderProvider';
import { resolveCatalogFolder } from './catalogFolder';

/**
 * Reads the onboarding catalog folder ("Add your service") as file
 * locations, within a moment of a change.
 *
 * @public
 */
export const catalogModuleOnboarding = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'onboarding',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
      },
      async init({ catalog, config, logger, scheduler, lifecycle }) {
        const catalogFolder = resolveCatalogFolder(config);
        const provider = new CatalogFolderProvider({ catalogFolder, logger });
        catalog.addEntityProvider(provider);
        // The backstop for events the watch misses; each instance watches
        // and scans its own view of the folder.
        await scheduler.scheduleTask({
          id: 'onboarding-catalog-folder-scan',
          scope: 'local',
          frequency: {
            seconds:
              config.getOptionalNumber(
                'vigil.onboarding.catalogFolderScan.seconds',
              ) ?? 30,
          },
          timeout: { minutes: 1 },
          fn: () => provider.scan(),
        });
        lifecycle.addShutdownHook(() => provider.close());
        logger.info(`Reading the catalog folder ${catalogFolder}`);
      },
    });
  },
});
