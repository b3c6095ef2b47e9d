import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { act, screen } from '@testing-library/react';
import { sloApiRef } from '../api';
import { catalogEntityRouteRef } from '../lib/routes';
import {
  fakeSloApi,
  makeEntitySlos,
  makeSlo,
  scoringApiEntity,
} from '../__testUtils__/fixtures';
import { fakeSignals } from '../__testUtils__/live';
import { EntitySloCard } from './EntitySloCard';

jest.setTimeout(30_000);

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
  it("updates when the backend signals that the entity's SLOs were evaluated", async () => {
    jest.useFakeTimers();
    try {
      const api = fakeSloApi();
      const signals = fakeSignals();
      renderInTestApp(
        <EntityProvider entity={scoringApiEntity}>
          <EntitySloCard />
        </EntityProvider>,
        {
          apis: [
            [sloApiRef, api],
            [signalApiRef, signals.api],
          ],
          mountedRoutes: {
            '/catalog/:namespace/:kind/:name': catalogEntityRouteRef,
          },
        },
      );
      expect(
        await screen.findByText('Budget remaining: 58.0%'),
      ).toBeInTheDocument();

      api.getEntitySlos.mockResolvedValue(
        makeEntitySlos({ slos: [makeSlo({ budgetRemaining: 0.2 })] }),
      );
      signals.evaluated(['component:default/scoring-api']);
      await act(async () => {
        jest.advanceTimersByTime(1_500);
      });
      expect(
        await screen.findByText('Budget remaining: 20.0%'),
      ).toBeInTheDocument();
      expect(api.getEntitySlos).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
