/**
 * The logs plugin for Backstage's new frontend system: the API and the
 * "Logs" tab of entities (search by words, level, time and request id;
 * live tail).
 *
 * @packageDocumentation
 */
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import SubjectIcon from '@material-ui/icons/Subject';
import { LogsClient } from '@vigil/backstage-plugin-logs-common';
import { logsApiRef } from './api/LogsApi';
import { hasLogs, LOGS_TAB_PATH } from './lib/filters';

/**
 * `api:logs`: the HTTP client of the logs backend.
 * @alpha
 */
export const logsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: logsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new LogsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `entity-content:logs`: the Logs tab.
 * @alpha
 */
export const entityLogsContent = EntityContentBlueprint.make({
  params: {
    path: `/${LOGS_TAB_PATH}`,
    title: 'Logs',
    filter: hasLogs,
    loader: () =>
      import('./components/EntityLogsContent').then(m => (
        <m.EntityLogsContent />
      )),
  },
});

export default createFrontendPlugin({
  pluginId: 'logs',
  title: 'Logs',
  icon: <SubjectIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  extensions: [logsApi, entityLogsContent],
});
