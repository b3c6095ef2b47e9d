import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { incidentsApiRef } from '../../../api';
import type { IncidentDetails } from '../../../api';
import { rootRouteRef } from '../../../lib/routes';
import {
  fakeCatalog,
  fakeIncidentsApi,
  FakeIncidentsApi,
} from '../../../__testUtils__/fixtures';
import { IncidentPage } from '../IncidentPage';

type JsonObject = { [key: string]: any };

/** A signals API whose messages the test sends. */
export function fakeSignals() {
  const handlers: Array<(message: JsonObject) => void> = [];
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      expect(channel).toBe('vigil-incidents');
      handlers.push(onMessage as (message: JsonObject) => void);
      return { unsubscribe: () => {} };
    },
  };
  const send = (message: JsonObject) =>
    act(() => handlers.forEach(handler => handler(message)));
  return { api, send };
}

/** The deployments API's answer: no deploys around the incident. */
async function noDeploys() {
  return new Response(JSON.stringify({ items: [], totalCount: 0 }), {
    headers: { 'Content-Type': 'application/json' },
  });
}

/** Renders the page of incident inc-1, signed in as user:default/guest. */
export function renderPage(api: FakeIncidentsApi, signals = fakeSignals()) {
  return renderInTestApp(<IncidentPage />, {
    apis: [
      [incidentsApiRef, api],
      [signalApiRef, signals.api],
      mockApis.identity({ userEntityRef: 'user:default/guest' }),
      // The "What changed" panel asks the deployments API: no deploys.
      mockApis.fetch({ baseImplementation: noDeploys }),
      fakeCatalog().catalog,
    ],
    mountedRoutes: { '/incidents': rootRouteRef },
    mountPath: '/incidents/:incidentId',
    initialRouteEntries: ['/incidents/inc-1'],
  });
}

/** A fake IncidentsApi whose getIncident answers `details`. */
export const withDetails = (details: IncidentDetails) =>
  fakeIncidentsApi({ getIncident: jest.fn(async () => details) });

export async function openStatusMenu() {
  await userEvent.click(
    await screen.findByRole('button', { name: 'Change status' }),
  );
  return screen.getByRole('menu');
}
