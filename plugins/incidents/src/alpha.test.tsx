import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { incidentsApiRef } from './api';
import incidentsPlugin from './alpha';
import { isActionItemOwner, isIncidentsTabAvailable } from './lib/filters';
import { fakeIncidentsApi, makeDetails } from './__testUtils__/fixtures';

const entity = (kind: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

// The app's pages load lazily: their first render compiles them, which on a
// busy 2-core run takes longer than Jest's default 5 s (the waits below
// allow 10 s).
jest.setTimeout(60_000);

describe('incidents plugin', () => {
  it('provides the API, page, entity tab and action items card', () => {
    expect(incidentsPlugin.id).toBe('incidents');
    for (const id of [
      'api:incidents',
      'page:incidents',
      'entity-content:incidents',
      'entity-card:incidents/action-items',
    ] as const) {
      expect(incidentsPlugin.getExtension(id)).toBeDefined();
    }
  });

  it.each([
    ['Component', true, false],
    ['System', true, false],
    ['Resource', true, false],
    ['API', true, false],
    ['User', false, true],
    ['Group', false, true],
    ['Domain', false, false],
    ['Template', false, false],
  ])('%s: incidents tab %s, action items card %s', (kind, tab, card) => {
    expect(isIncidentsTabAvailable(entity(kind))).toBe(tab);
    expect(isActionItemOwner(entity(kind))).toBe(card);
  });

  it('serves the incident list at /incidents', async () => {
    const api = fakeIncidentsApi();
    renderTestApp({
      features: [incidentsPlugin],
      initialRouteEntries: ['/incidents'],
      apis: [[incidentsApiRef, api]],
    });
    expect(
      // The page is lazy-loaded: the first import compiles it.
      await screen.findByRole(
        'link',
        { name: 'Checkout errors' },
        { timeout: 10_000 },
      ),
    ).toHaveAttribute('href', '/incidents/inc-1');
    expect(api.listIncidents).toHaveBeenCalledWith({
      status: 'all',
      sandbox: 'exclude',
      limit: 25,
    });
  });

  it('serves an incident at /incidents/:incidentId', async () => {
    const api = fakeIncidentsApi({
      getIncident: async () =>
        makeDetails({}, { id: 'inc-7', title: 'Queue backlog' }),
    });
    renderTestApp({
      features: [incidentsPlugin],
      initialRouteEntries: ['/incidents/inc-7'],
      apis: [[incidentsApiRef, api]],
    });
    expect(
      (await screen.findAllByText('Queue backlog', {}, { timeout: 10_000 }))
        .length,
    ).toBeGreaterThan(0);
    expect(api.getIncident).toHaveBeenCalledWith('inc-7');
  });
});
