import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import homePlugin from '@backstage/plugin-home/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { Typography } from '@material-ui/core';
import { screen, within } from '@testing-library/react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { sloApiRef } from '@vigil/backstage-plugin-slo';
import sloPlugin from '@vigil/backstage-plugin-slo/alpha';
import { incidentsApiRef } from '@vigil/backstage-plugin-incidents';
import incidentsPlugin from '@vigil/backstage-plugin-incidents/alpha';
import { homeModule } from './homeModule';

jest.setTimeout(60_000);

/** A stand-in for a plugin's widget: only its name and title matter here. */
const standIn = (name: string, title: string) =>
  HomePageWidgetBlueprint.make({
    name,
    params: {
      name,
      title,
      components: async () => ({
        Content: () => <Typography>{`${title} content`}</Typography>,
      }),
    },
  });

/** Stand-ins for the plugins' widgets, in an order unlike the page's. */
const standIns = createFrontendPlugin({
  pluginId: 'stand-ins',
  extensions: [
    standIn('Zeta', 'Some other widget'),
    standIn('MyActionItems', 'My action items'),
    standIn('OpenIncidents', 'Open incidents'),
    standIn('SlosAtRisk', 'SLOs at risk'),
  ],
});

/** What app-config.yaml sets: the home page at `/`, plugin-home's own widgets off. */
const CONFIG = {
  app: {
    extensions: [
      { 'page:home': { config: { path: '/' } } },
      { 'home-page-widget:home/toolkit': false },
      { 'home-page-widget:home/starred-entities': false },
      { 'home-page-widget:home/random-joke': false },
      { 'home-page-widget:home/most-visited': false },
      { 'home-page-widget:home/recently-visited': false },
      { 'home-page-widget:home/world-clock': false },
    ],
  },
};

describe('home page layout', () => {
  it('greets the user and shows the widgets in a fixed order, each in a titled card', async () => {
    renderTestApp({
      features: [homePlugin, homeModule, standIns],
      config: CONFIG,
      initialRouteEntries: ['/'],
      apis: [
        mockApis.identity({
          userEntityRef: 'user:default/alice',
          ownershipEntityRefs: ['user:default/alice'],
          displayName: 'Alice Smith',
        }),
        catalogApiMock({ entities: [] }),
      ],
    });

    expect(
      await screen.findByText(
        /^Good (morning|afternoon|evening), Alice Smith$/,
        {},
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    const cells = await screen.findAllByTestId('home-widget');
    expect(cells.map(cell => cell.getAttribute('data-widget-name'))).toEqual([
      'GetStarted',
      'MyServices',
      'SlosAtRisk',
      'OpenIncidents',
      'MyActionItems',
      'Shortcuts',
      'Zeta',
    ]);
    const titles = [
      'Get started',
      'My services',
      'SLOs at risk',
      'Open incidents',
      'My action items',
      'Shortcuts',
      'Some other widget',
    ];
    for (const [index, title] of titles.entries()) {
      expect(
        await within(cells[index]).findByText(title, {}, { timeout: 20_000 }),
      ).toBeInTheDocument();
    }
    // Each widget draws its content inside its card, once.
    expect(
      await within(cells[2]).findByText('SLOs at risk content'),
    ).toBeInTheDocument();
    expect(within(cells[2]).getAllByText('SLOs at risk')).toHaveLength(1);
    expect(
      await within(cells[5]).findByRole('link', { name: /^Catalog/ }),
    ).toHaveAttribute('href', '/catalog');
    // The app's own widgets, with the (empty) catalog; tours point at them.
    expect(
      await within(cells[1]).findByText(/The catalog has no services yet/),
    ).toBeInTheDocument();
    expect(cells[1]).toHaveAttribute('data-tour', 'home-my-services');
    expect(
      await within(cells[0]).findByTestId('get-started-add-service'),
    ).toHaveAttribute('href', '/create/templates/default/add-service');
    // Not plugin-home's editable grid.
    expect(screen.queryByText(/Add widget/i)).not.toBeInTheDocument();
  });

  it("shows the SLO and incidents plugins' widgets with their data", async () => {
    const slo = {
      sloId: 'scoring-api-availability',
      entityRef: 'component:default/scoring-api',
      service: 'scoring-api',
      name: 'availability',
      description: null,
      objectivePercent: 99.9,
      period: '30d',
      owner: 'group:default/payments',
      system: null,
      lifecycle: 'production',
      status: 'breaching',
      evaluatedAt: new Date().toISOString(),
      stale: false,
      sli: 0.002,
      budgetRemaining: -0.5,
      burnRates: {},
      firingAlert: 'page',
      error: null,
    };
    const sloApi = {
      listSlos: jest.fn(async (query: { status?: string }) =>
        query.status === 'breaching'
          ? { items: [slo], totalCount: 1, limit: 8, offset: 0 }
          : { items: [], totalCount: 0, limit: 8, offset: 0 },
      ),
    };
    const incidentsApi = {
      getConfig: jest.fn(async () => {
        throw new Error('no config in this test');
      }),
      listIncidents: jest.fn(async () => ({
        items: [
          {
            id: 'inc-1',
            title: 'Scoring API errors',
            severity: 'SEV2',
            status: 'investigating',
            entityRefs: ['component:default/scoring-api'],
            roles: {},
            roleHistory: [],
            timestamps: { declaredAt: new Date().toISOString() },
            createdBy: 'alertmanager',
            updatedAt: new Date().toISOString(),
            version: 1,
          },
        ],
        totalCount: 1,
      })),
      listActionItems: jest.fn(async () => ({
        items: [
          {
            id: 'ai-1',
            title: 'Alert on certificate expiry',
            owner: 'user:default/alice',
            priority: 'P1',
            status: 'open',
            postmortemId: 'pm-1',
            postmortemTitle: 'Expired certificate',
            incidentId: 'inc-0',
            overdue: false,
          },
        ],
        totalCount: 1,
      })),
    };
    renderTestApp({
      features: [homePlugin, homeModule, sloPlugin, incidentsPlugin],
      config: CONFIG,
      initialRouteEntries: ['/'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        mockApis.identity({
          userEntityRef: 'user:default/alice',
          ownershipEntityRefs: ['user:default/alice', 'group:default/sre'],
          displayName: 'Alice Smith',
        }),
        catalogApiMock({ entities: [] }),
        [sloApiRef, sloApi as any],
        [incidentsApiRef, incidentsApi as any],
      ],
    });

    const slosAtRisk = await screen.findByTestId(
      'slo-at-risk',
      {},
      { timeout: 30_000 },
    );
    expect(slosAtRisk).toHaveTextContent('availability');
    expect(slosAtRisk).toHaveTextContent('Budget remaining: -50.0%');
    expect(
      await screen.findByRole(
        'link',
        { name: 'Scoring API errors' },
        { timeout: 30_000 },
      ),
    ).toHaveAttribute('href', '/incidents/inc-1');
    expect(
      await screen.findByText(
        'Alert on certificate expiry',
        {},
        { timeout: 30_000 },
      ),
    ).toBeInTheDocument();
    expect(incidentsApi.listActionItems).toHaveBeenCalledWith({
      owner: ['user:default/alice', 'group:default/sre'],
      status: 'open',
      limit: 50,
    });
    const cells = screen.getAllByTestId('home-widget');
    expect(cells.map(cell => cell.getAttribute('data-widget-name'))).toEqual([
      'GetStarted',
      'MyServices',
      'SlosAtRisk',
      'OpenIncidents',
      'MyActionItems',
      'Shortcuts',
    ]);
  });
});
