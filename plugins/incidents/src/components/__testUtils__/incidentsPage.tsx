import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { within } from '@testing-library/react';
import { incidentsApiRef } from '../../api';
import { rootRouteRef } from '../../lib/routes';
import { fakeCatalog, FakeIncidentsApi } from '../../__testUtils__/fixtures';
import { IncidentsPage } from '../IncidentsPage';

/** Renders the incidents page at `path`, signed in as user:default/guest. */
export function renderPage(
  api: FakeIncidentsApi,
  catalog = fakeCatalog().catalog,
  path = '/incidents',
) {
  return renderInTestApp(<IncidentsPage />, {
    apis: [
      [incidentsApiRef, api],
      mockApis.identity({ userEntityRef: 'user:default/guest' }),
      catalog,
    ],
    mountedRoutes: { '/incidents': rootRouteRef },
    mountPath: '/incidents/*',
    initialRouteEntries: [path],
  });
}

/** The entity refs of the picker chips within `container`. */
export const chipRefs = (container: HTMLElement) =>
  within(container)
    .queryAllByTestId('entity-ref-chip')
    .map(chip => chip.getAttribute('data-entity-ref'));

/** The query of the latest listIncidents call. */
export const lastListQuery = (api: FakeIncidentsApi) =>
  api.listIncidents.mock.calls[api.listIncidents.mock.calls.length - 1][0];
