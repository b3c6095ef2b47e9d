import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { sloApiRef } from './api';
import sloPlugin from './alpha';
import { fakeSloApi, makeListResponse } from './__testUtils__/fixtures';

// The app's pages load lazily: their first render compiles them, which on a
// busy 2-core run takes longer than Jest's default 5 s (the waits below
// allow 10 s).
jest.setTimeout(60_000);

describe('slo plugin', () => {
  it('provides the API, page, entity tab and entity card', () => {
    expect(sloPlugin.id).toBe('slo');
    for (const id of [
      'api:slo',
      'page:slo',
      'entity-content:slo',
      'entity-card:slo',
    ] as const) {
      expect(sloPlugin.getExtension(id)).toBeDefined();
    }
  });

  it('serves the portfolio page at /slos in an app', async () => {
    const api = fakeSloApi({
      listSlos: async () => makeListResponse([], 0),
    });
    renderTestApp({
      features: [sloPlugin],
      initialRouteEntries: ['/slos'],
      apis: [[sloApiRef, api]],
    });
    // The page is lazily loaded; under a busy test run that exceeds 1 s.
    expect(
      await screen.findByText('No SLOs yet', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(api.listSlos).toHaveBeenCalledWith({
      sandbox: 'exclude',
      limit: 25,
      offset: 0,
    });
  });
});
