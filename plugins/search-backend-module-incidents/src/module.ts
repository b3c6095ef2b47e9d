import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import {
  INCIDENT_SEARCH_TYPE,
  POSTMORTEM_SEARCH_TYPE,
} from '@vigil/backstage-plugin-incidents-common';
import { IncidentsCollatorFactory } from './IncidentsCollatorFactory';

/**
 * Indexes Vigil incidents and published postmortems into Backstage search.
 * @public
 */
export const searchModuleIncidentsCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'vigil-incidents-collator',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        config,
        discovery,
        auth,
        logger,
        scheduler,
        indexRegistry,
      }) {
        const key = 'search.collators.incidents.schedule';
        const schedule = config.has(key)
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(key),
            )
          : {
              frequency: { minutes: 10 },
              timeout: { minutes: 15 },
              initialDelay: { seconds: 30 },
            };
        for (const type of [
          INCIDENT_SEARCH_TYPE,
          POSTMORTEM_SEARCH_TYPE,
        ] as const) {
          indexRegistry.addCollator({
            schedule: scheduler.createScheduledTaskRunner(schedule),
            factory: new IncidentsCollatorFactory(type, {
              discovery,
              auth,
              logger,
            }),
          });
        }
      },
    });
  },
});
