import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  discoveryApiRef,
  fetchApiRef,
  type FetchApi,
} from '@backstage/core-plugin-api';
import { screen, within } from '@testing-library/react';
import type { DeploymentRecord } from '@vigil/backstage-plugin-deployments-common';
import type { Incident } from '../../api/types';
import { at, fakeCatalog, makeIncident } from '../../__testUtils__/fixtures';
import { WhatChangedPanel } from './WhatChangedPanel';

jest.setTimeout(60_000);

const CHECKOUT = 'component:default/checkout';

function record(
  id: string,
  minutesFromIncident: number,
  overrides: Partial<DeploymentRecord> = {},
): DeploymentRecord {
  return {
    id,
    entityRef: CHECKOUT,
    environment: 'production',
    kind: 'deploy',
    outcome: 'succeeded',
    release: { version: `0.1.0+${id}`, commit: 'abc1234' },
    recordedBy: 'vigil-deploy',
    operator: 'dmitri@laptop',
    startedAt: at(minutesFromIncident - 1),
    trafficSwitchedAt: at(minutesFromIncident),
    steps: [],
    smoke: [],
    revision: 2,
    createdAt: at(minutesFromIncident - 1),
    updatedAt: at(minutesFromIncident),
    ...overrides,
  };
}

/** A fetch answering `GET /deployments` from `records`, or with `status`. */
function fakeFetch(
  answer: DeploymentRecord[] | { status: number; message: string },
) {
  return jest.fn(async (_url: RequestInfo | URL) =>
    Array.isArray(answer)
      ? new Response(
          JSON.stringify({ items: answer, totalCount: answer.length }),
          { status: 200, headers: { 'Content-Type': 'application/json' } },
        )
      : new Response(
          JSON.stringify({
            error: { name: 'Error', message: answer.message },
            response: { statusCode: answer.status },
          }),
          {
            status: answer.status,
            statusText: 'Service Unavailable',
            headers: { 'Content-Type': 'application/json' },
          },
        ),
  );
}

function renderPanel(incident: Incident, fetch: ReturnType<typeof fakeFetch>) {
  return renderInTestApp(<WhatChangedPanel incident={incident} />, {
    apis: [
      [discoveryApiRef, mockApis.discovery({ baseUrl: 'http://backend.test' })],
      [fetchApiRef, { fetch } as unknown as FetchApi],
      fakeCatalog().catalog,
    ],
  });
}

const queries = (fetch: ReturnType<typeof fakeFetch>) =>
  fetch.mock.calls.map(([url]) => new URL(String(url)));

describe('WhatChangedPanel', () => {
  it('times each deploy against the incident start and links to the Deployments tab', async () => {
    const fetch = fakeFetch([
      record('late', 5, { kind: 'rollback' }),
      record('abc123', -12),
    ]);
    renderPanel(
      makeIncident({
        timestamps: { detectedAt: at(0), declaredAt: at(3) },
      }),
      fetch,
    );

    const items = await screen.findAllByTestId('what-changed-item');
    // Newest first.
    expect(items[0]).toHaveTextContent(
      'rolled back to v0.1.0+late 5 minutes after the incident',
    );
    expect(items[1]).toHaveTextContent(
      'deployed v0.1.0+abc123 12 minutes before the incident',
    );
    expect(items[1]).toHaveTextContent('dmitri@laptop');
    expect(
      within(items[1]).getByRole('link', { name: 'Deployments' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/deployments',
    );

    const [query] = queries(fetch);
    expect(query.pathname).toBe('/api/deployments/deployments');
    expect(query.searchParams.get('entityRef')).toBe(CHECKOUT);
    // From 24 hours before it was detected.
    expect(query.searchParams.get('from')).toBe(at(-24 * 60));
  });

  it('looks until the resolution of a resolved incident', async () => {
    const fetch = fakeFetch([]);
    renderPanel(
      makeIncident({
        status: 'resolved',
        timestamps: { declaredAt: at(0), resolvedAt: at(90) },
      }),
      fetch,
    );

    expect(
      await screen.findByText(
        'No deploys in the 24 hours before the incident, nor since.',
      ),
    ).toBeInTheDocument();
    const [query] = queries(fetch);
    expect(query.searchParams.get('from')).toBe(at(-24 * 60));
    expect(query.searchParams.get('to')).toBe(at(90));
  });

  it('asks about each affected entity once and merges their deploys', async () => {
    const fetch = fakeFetch([record('shared', -30)]);
    renderPanel(
      makeIncident({
        entityRefs: [CHECKOUT, 'component:default/scoring-api'],
      }),
      fetch,
    );

    expect(await screen.findAllByTestId('what-changed-item')).toHaveLength(1);
    expect(
      queries(fetch).map(query => query.searchParams.get('entityRef')),
    ).toEqual([CHECKOUT, 'component:default/scoring-api']);
  });

  it('says in one line that deploys could not be loaded when the API fails', async () => {
    const fetch = fakeFetch({ status: 503, message: 'deployments is down' });
    renderPanel(makeIncident(), fetch);

    expect(
      await screen.findByText(
        'Deploys could not be loaded: Request failed with 503 Service Unavailable: deployments is down',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('what-changed-item')).toBeNull();
  });
});
