import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { incidentsApiRef } from '../../../api';
import { rootRouteRef } from '../../../lib/routes';
import {
  fakeCatalog,
  fakeIncidentsApi,
  FakeIncidentsApi,
  makeDetails,
  makePostmortemDetails,
} from '../../../__testUtils__/fixtures';
import { PostmortemPage } from '../PostmortemPage';

/** A fake IncidentsApi serving a resolved incident inc-1 with `details`. */
export function apiWith(details = makePostmortemDetails()): FakeIncidentsApi {
  return fakeIncidentsApi({
    getIncident: jest.fn(async () =>
      makeDetails(
        {
          postmortem: {
            id: 'pm-1',
            state: details.postmortem.state,
            version: details.postmortem.version,
          },
        },
        { status: 'resolved' },
      ),
    ),
    getPostmortem: jest.fn(async () => details),
  });
}

/** Renders the postmortem page of incident inc-1, signed in as guest. */
export function renderPage(api: FakeIncidentsApi) {
  return renderInTestApp(<PostmortemPage />, {
    apis: [
      [incidentsApiRef, api],
      mockApis.identity({ userEntityRef: 'user:default/guest' }),
      fakeCatalog().catalog,
    ],
    mountedRoutes: { '/incidents': rootRouteRef },
    mountPath: '/incidents/:incidentId/postmortem',
    initialRouteEntries: ['/incidents/inc-1/postmortem'],
  });
}

/**
 * Call inside a describe: before each test, clears the local drafts and, as
 * jsdom has no scrollIntoView, records which elements were scrolled to in the
 * array returned.
 */
export function setUpPostmortemPageTests(): Element[] {
  const scrolledTo: Element[] = [];
  beforeEach(() => {
    window.localStorage.clear();
    scrolledTo.length = 0;
    Element.prototype.scrollIntoView = function record(this: Element) {
      scrolledTo.push(this);
    };
  });
  afterEach(() => {
    delete (Element.prototype as Partial<Element>).scrollIntoView;
  });
  return scrolledTo;
}
