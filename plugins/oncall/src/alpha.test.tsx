import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { onCallApiRef } from './api';
import onCallPlugin from './alpha';
import { hasOnCallCard, isOnCallGroup } from './lib/filters';
import {
  fakeOnCallApi,
  paymentsGroup,
  scoringApi,
} from './__testUtils__/fixtures';

// The app's pages load lazily: their first render compiles them, which on a
// busy 2-core run takes longer than Jest's default 5 s.
jest.setTimeout(60_000);

describe('oncall plugin', () => {
  it('provides the API, page, entity card and group tab', () => {
    expect(onCallPlugin.id).toBe('oncall');
    for (const id of [
      'api:oncall',
      'page:oncall',
      'page:oncall/page',
      'entity-card:oncall',
      'entity-content:oncall',
    ] as const) {
      expect(onCallPlugin.getExtension(id)).toBeDefined();
    }
  });

  it('shows the card for owned entities and groups, the tab for groups', () => {
    expect(hasOnCallCard(scoringApi)).toBe(true);
    expect(hasOnCallCard(paymentsGroup)).toBe(true);
    expect(hasOnCallCard({ ...scoringApi, spec: { type: 'service' } })).toBe(
      false,
    );
    expect(hasOnCallCard({ ...scoringApi, kind: 'API' })).toBe(false);
    expect(isOnCallGroup(paymentsGroup)).toBe(true);
    expect(isOnCallGroup(scoringApi)).toBe(false);
  });

  it('serves my shifts at /oncall in an app', async () => {
    const api = fakeOnCallApi();
    renderTestApp({
      features: [onCallPlugin],
      initialRouteEntries: ['/oncall'],
      apis: [[onCallApiRef, api]],
    });
    expect(
      await screen.findByText(
        'You have no shifts in the next four weeks.',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(api.getMyShifts).toHaveBeenCalled();
    // One sidebar item: the page view has a parameter, so it is not listed.
    expect(
      screen
        .getAllByRole('link', { name: 'On call' })
        .map(link => link.getAttribute('href')),
    ).toEqual(['/oncall']);
  });

  it('serves a page with its deliveries at /oncall/pages/:id', async () => {
    const api = fakeOnCallApi();
    renderTestApp({
      features: [onCallPlugin],
      initialRouteEntries: ['/oncall/pages/page-1'],
      apis: [[onCallApiRef, api]],
    });
    expect(
      await screen.findByText('Deliveries', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(api.getPage).toHaveBeenCalledWith('page-1');
  });
});
