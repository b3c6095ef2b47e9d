import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { homePageWidgetDataRef } from '@backstage/plugin-home-react/alpha';
import { screen, within } from '@testing-library/react';
import incidentsPlugin from '../../alpha';
import { incidentsApiRef } from '../../api';
import { rootRouteRef } from '../../lib/routes';
import {
  ALERT_OPENED,
  at,
  fakeIncidentsApi,
  FakeIncidentsApi,
  makeIncident,
} from '../../__testUtils__/fixtures';
import { OpenIncidentsContent } from './OpenIncidentsContent';

jest.setTimeout(30_000);

function render(api: FakeIncidentsApi) {
  return renderInTestApp(<OpenIncidentsContent />, {
    apis: [[incidentsApiRef, api]],
    mountedRoutes: { '/incidents': rootRouteRef },
  });
}

describe('OpenIncidentsContent', () => {
  it('lists open incidents most severe first, linking to each', async () => {
    const api = fakeIncidentsApi({
      listIncidents: jest.fn(async () => ({
        // The server's order: newest declared first.
        items: [
          makeIncident({
            id: 'inc-3',
            title: 'Slow search',
            severity: 'SEV3',
            status: 'monitoring',
            timestamps: { declaredAt: at(30) },
          }),
          makeIncident({
            id: 'inc-2',
            title: 'Scoring down',
            severity: 'SEV1',
            entityRefs: ['component:default/scoring-api'],
            timestamps: { declaredAt: at(20) },
            ...ALERT_OPENED,
          }),
          makeIncident({
            id: 'inc-1',
            title: 'Checkout errors',
            severity: 'SEV2',
            status: 'identified',
          }),
          makeIncident({
            id: 'inc-0',
            title: 'Old minor issue',
            severity: 'SEV3',
            timestamps: { declaredAt: at(-60) },
          }),
        ],
        totalCount: 4,
      })),
    });
    render(api);

    const rows = await screen.findAllByTestId('open-incident');
    expect(api.listIncidents).toHaveBeenCalledWith({
      status: 'open',
      sandbox: 'exclude',
      limit: 100,
    });
    const titles = rows.map(
      row => within(row).getAllByRole('link')[0].textContent,
    );
    expect(titles).toEqual([
      'Scoring down',
      'Checkout errors',
      'Slow search',
      'Old minor issue',
    ]);
    expect(
      within(rows[0]).getByRole('link', { name: 'Scoring down' }),
    ).toHaveAttribute('href', '/incidents/inc-2');
    expect(within(rows[0]).getByTestId('incident-severity')).toHaveTextContent(
      'SEV1',
    );
    expect(within(rows[0]).getByTestId('incident-status')).toHaveTextContent(
      'Investigating',
    );
    expect(rows[0]).toHaveTextContent('no commander');
    expect(
      within(rows[0]).getByRole('link', { name: /scoring-api/ }),
    ).toHaveAttribute('href', '/catalog/default/component/scoring-api');
    expect(within(rows[1]).getByTestId('incident-status')).toHaveTextContent(
      'Identified',
    );
    expect(rows[1]).not.toHaveTextContent('no commander');
    expect(
      screen.getByRole('link', { name: 'See all incidents' }),
    ).toHaveAttribute('href', '/incidents');
    expect(screen.queryByText(/Showing/)).not.toBeInTheDocument();
  });

  it('counts the open incidents it does not show', async () => {
    const api = fakeIncidentsApi({
      listIncidents: jest.fn(async () => ({
        items: Array.from({ length: 10 }, (_, i) =>
          makeIncident({ id: `inc-${i}`, title: `Incident ${i}` }),
        ),
        totalCount: 12,
      })),
    });
    render(api);

    expect(await screen.findAllByTestId('open-incident')).toHaveLength(8);
    expect(screen.getByText(/Showing 8 of 12 open incidents/)).toBeVisible();
  });

  it('says so when nothing is open', async () => {
    const api = fakeIncidentsApi({
      listIncidents: jest.fn(async () => ({ items: [], totalCount: 0 })),
    });
    render(api);

    expect(await screen.findByText(/No open incidents/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'See all incidents' }),
    ).toHaveAttribute('href', '/incidents');
    expect(screen.queryByTestId('open-incident')).not.toBeInTheDocument();
  });

  it('shows the error when the incidents backend fails', async () => {
    const api = fakeIncidentsApi({
      listIncidents: jest.fn(async () => {
        throw new Error('incidents backend unavailable');
      }),
    });
    render(api);

    expect(
      (await screen.findAllByText(/incidents backend unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText(/No open incidents/)).not.toBeInTheDocument();
  });
});

describe('home page widget open-incidents', () => {
  it('is an extension of the plugin, titled "Open incidents"', () => {
    const widget = incidentsPlugin.getExtension(
      'home-page-widget:incidents/open-incidents',
    );
    expect(widget).toBeDefined();
    const data = createExtensionTester(widget).get(homePageWidgetDataRef);
    expect(data.name).toBe('OpenIncidents');
    expect(data.title).toBe('Open incidents');
  });
});
