import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { sloApiRef } from '../api';
import { catalogEntityRouteRef } from '../lib/routes';
import {
  fakeSloApi,
  makeEntitySlos,
  makeSlo,
  scoringApiEntity,
} from '../__testUtils__/fixtures';
import { EntitySloCard } from './EntitySloCard';

describe('EntitySloCard', () => {
  it("lists each SLO's status and budget, linking to the SLO tab", async () => {
    const api = fakeSloApi({
      getEntitySlos: jest.fn(async () =>
        makeEntitySlos({
          slos: [
            makeSlo(),
            makeSlo({
              sloId: 'scoring-api-latency',
              name: 'latency',
              status: 'no-data',
              budgetRemaining: null,
            }),
          ],
        }),
      ),
    });
    renderInTestApp(
      <EntityProvider entity={scoringApiEntity}>
        <EntitySloCard />
      </EntityProvider>,
      {
        apis: [[sloApiRef, api]],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': catalogEntityRouteRef,
        },
      },
    );

    const link = await screen.findByRole('link', { name: 'availability' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/scoring-api/slos',
    );
    expect(screen.getByText('Budget remaining: 58.0%')).toBeInTheDocument();
    expect(screen.getByText('Budget remaining: no data')).toBeInTheDocument();
    expect(screen.getByText('breaching')).toBeInTheDocument();
    expect(screen.getByText('no data')).toBeInTheDocument();
  });
});
