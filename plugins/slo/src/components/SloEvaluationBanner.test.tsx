import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { act, screen, waitFor } from '@testing-library/react';
import { DateTime } from 'luxon';
import { sloApiRef } from '../api';
import { formatTimeSpan } from '../lib/format';
import { catalogEntityRouteRef } from '../lib/routes';
import {
  fakeSloApi,
  makeEntitySlos,
  makeEvaluationStatus,
  makeSlo,
  scoringApiEntity,
} from '../__testUtils__/fixtures';
import { fakeSignals } from '../__testUtils__/live';
import { EntitySloCard } from './EntitySloCard';
import { evaluationProblem, SloEvaluationBanner } from './SloEvaluationBanner';

jest.setTimeout(30_000);

const MINUTE = 60_000;

/** Prometheus down for 3 minutes, the figures computed 4 minutes ago. */
function outage(now = Date.now()) {
  return makeEvaluationStatus({
    prometheus: 'unreachable',
    unreachableSince: new Date(now - 3 * MINUTE).toISOString(),
    lastAttemptAt: new Date(now - 10_000).toISOString(),
    lastSuccessAt: new Date(now - 4 * MINUTE).toISOString(),
    lastError: 'Prometheus is unreachable since 10:42 (circuit open)',
  });
}

const clock = (iso: string) => DateTime.fromISO(iso).toFormat('HH:mm');

describe('SloEvaluationBanner', () => {
  it('says since when Prometheus is unreachable and how old the figures are', async () => {
    const status = outage();
    const api = fakeSloApi({ getEvaluationStatus: async () => status });
    renderInTestApp(<SloEvaluationBanner />, {
      apis: [[sloApiRef, api]],
    });
    const banner = await screen.findByTestId('slo-evaluation-banner');
    expect(banner).toHaveTextContent(
      `Prometheus is unreachable since ${clock(
        status.unreachableSince!,
      )} (3 min): SLO figures show their last values, computed 4 min ago.`,
    );
    expect(banner).toHaveTextContent('Last error (' /* local time */);
    expect(banner).toHaveTextContent('(circuit open)');
  });

  it.each([
    ['Prometheus answers', makeEvaluationStatus()],
    [
      'nothing was evaluated yet',
      makeEvaluationStatus({
        prometheus: 'unknown',
        lastAttemptAt: null,
        lastSuccessAt: null,
      }),
    ],
    ['no Prometheus is configured', { ...outage(), enabled: false }],
  ])('shows nothing when %s', async (_name, status) => {
    const api = fakeSloApi({ getEvaluationStatus: async () => status });
    renderInTestApp(
      <>
        <SloEvaluationBanner />
        <span>page</span>
      </>,
      { apis: [[sloApiRef, api]] },
    );
    await waitFor(() => expect(api.getEvaluationStatus).toHaveBeenCalled());
    // Let the answer land before looking: null renders change nothing.
    await act(async () => {});
    expect(screen.getByText('page')).toBeInTheDocument();
    expect(screen.queryByTestId('slo-evaluation-banner')).toBeNull();
  });

  it('shows nothing when the status cannot be read: the figures carry their own age', async () => {
    const api = fakeSloApi({
      getEvaluationStatus: async () => {
        throw new Error('503');
      },
    });
    renderInTestApp(<SloEvaluationBanner />, {
      apis: [[sloApiRef, api]],
    });
    await waitFor(() => expect(api.getEvaluationStatus).toHaveBeenCalled());
    // Let the answer land before looking: null renders change nothing.
    await act(async () => {});
    expect(screen.queryByTestId('slo-evaluation-banner')).toBeNull();
  });

  it('appears with an outage on the next poll and goes on recovery', async () => {
    jest.useFakeTimers();
    try {
      const api = fakeSloApi();
      const signals = fakeSignals();
      renderInTestApp(<SloEvaluationBanner pollMs={30_000} />, {
        apis: [
          [sloApiRef, api],
          [signalApiRef, signals.api],
        ],
      });
      await waitFor(() =>
        expect(api.getEvaluationStatus).toHaveBeenCalledTimes(1),
      );
      expect(screen.queryByTestId('slo-evaluation-banner')).toBeNull();

      // No signal comes while Prometheus is down: the poll finds it.
      api.getEvaluationStatus.mockResolvedValue(outage());
      await act(async () => {
        jest.advanceTimersByTime(30_000);
      });
      expect(
        await screen.findByTestId('slo-evaluation-banner'),
      ).toHaveTextContent('Prometheus is unreachable since');

      // The first cycle after the outage signals: gone without the poll.
      api.getEvaluationStatus.mockResolvedValue(makeEvaluationStatus());
      signals.evaluated(['component:default/scoring-api']);
      await act(async () => {
        jest.advanceTimersByTime(1_500);
      });
      await waitFor(() =>
        expect(screen.queryByTestId('slo-evaluation-banner')).toBeNull(),
      );
    } finally {
      jest.useRealTimers();
    }
  });

  it('is shown on the SLO card above the kept, stale figures', async () => {
    const api = fakeSloApi({
      getEvaluationStatus: async () => outage(),
      getEntitySlos: async () =>
        makeEntitySlos({ slos: [makeSlo({ stale: true })] }),
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
    expect(
      await screen.findByTestId('slo-evaluation-banner'),
    ).toHaveTextContent('SLO figures show their last values');
    expect(
      await screen.findByText('Budget remaining: 58.0% (stale)'),
    ).toBeInTheDocument();
  });
});

describe('evaluationProblem', () => {
  const now = Date.parse('2026-06-01T10:45:00Z');
  it.each([
    {
      name: 'an outage with figures',
      status: outage(now),
      expected:
        /^Prometheus is unreachable since \S+ \(3 min\): SLO figures show their last values, computed 4 min ago\.$/,
    },
    {
      name: 'an outage before any figures',
      status: { ...outage(now), lastSuccessAt: null },
      expected: /: SLO figures have not been computed yet\.$/,
    },
    {
      name: 'an evaluation that stopped running',
      status: makeEvaluationStatus({
        stalled: true,
        lastAttemptAt: new Date(now - 2 * 3_600_000).toISOString(),
        lastSuccessAt: new Date(now - 2 * 3_600_000).toISOString(),
      }),
      expected:
        /^SLO evaluation has not run since \S+ \(2 h\): SLO figures show their last values, computed 2 h ago\.$/,
    },
  ])('words $name', ({ status, expected }) => {
    expect(evaluationProblem(status, now)).toMatch(expected);
  });
});

describe('formatTimeSpan', () => {
  it.each([
    [-5_000, '0 s'],
    [42_000, '42 s'],
    [3 * MINUTE, '3 min'],
    [125 * MINUTE, '2 h 5 min'],
    [120 * MINUTE, '2 h'],
    [(3 * 24 + 4) * 60 * MINUTE, '3 d 4 h'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatTimeSpan(ms)).toBe(text);
  });
});
