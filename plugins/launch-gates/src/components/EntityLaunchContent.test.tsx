import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { launchGatesApiRef } from '../api/LaunchGatesApi';
import {
  ERIN,
  fakeLaunchGatesApi,
  FakeLaunchGatesApi,
  listOf,
  makeCheck,
  makeGate,
  makeReview,
  PRODUCT_OWNERS,
  SCORING_API_REF,
  scoringApi,
} from '../__testUtils__/fixtures';
import { EntityLaunchContent } from './EntityLaunchContent';
import { POLL_INTERVAL_MS } from './review/useReview';

jest.setTimeout(60_000);

const waiverUntil = new Date(Date.now() + 10 * 86_400_000).toISOString();

const review = makeReview({
  gates: [
    makeGate('operations', 'Operations', [
      makeCheck(),
      makeCheck({
        checkId: 'oncall-coverage',
        title: 'On-call covers 14 days',
        provider: 'oncall-coverage',
        status: 'unknown',
        effectiveStatus: 'waived',
        summary: 'on-call API unreachable',
        evidence: {
          measurements: {},
          outcomes: [],
          links: [],
          reason: 'GET /api/oncall/schedules answered 503',
        },
        waiver: {
          id: 'w1',
          reviewId: 'r',
          checkId: 'oncall-coverage',
          reason: 'On-call backend migrating this week',
          expiresAt: waiverUntil,
          createdBy: 'user:default/carol',
          createdAt: new Date().toISOString(),
          evidenceHash: 'f'.repeat(64),
          expired: false,
        },
      }),
    ]),
    makeGate('architecture', 'Architecture', [
      makeCheck({
        checkId: 'design-review',
        title: 'Design reviewed',
        type: 'manual',
        provider: null,
        question: 'Was the design reviewed by another team?',
        answeredBy: 'owner',
        status: 'pending',
        effectiveStatus: 'pending',
        summary: '',
        evidence: null,
        evaluatedAt: null,
        evidenceHash: null,
      }),
    ]),
  ],
});

function renderTab(api: FakeLaunchGatesApi) {
  return renderInTestApp(
    <EntityProvider entity={scoringApi}>
      <EntityLaunchContent />
    </EntityProvider>,
    {
      apis: [
        [launchGatesApiRef, api],
        mockApis.identity({
          userEntityRef: ERIN,
          ownershipEntityRefs: [ERIN, PRODUCT_OWNERS],
        }),
      ],
    },
  );
}

describe('EntityLaunchContent', () => {
  it('shows the gates and their checks with status, summary, and the evidence on demand', async () => {
    const api = fakeLaunchGatesApi(review);
    renderTab(api);

    const rows = await screen.findAllByTestId('check-row');
    expect(api.listReviews).toHaveBeenCalledWith({
      entityRef: SCORING_API_REF,
      limit: 50,
    });
    expect(rows.map(r => r.getAttribute('data-check-id'))).toEqual([
      'slo-history',
      'oncall-coverage',
      'design-review',
    ]);
    expect(within(rows[0]).getByTestId('check-status')).toHaveTextContent(
      'Fail',
    );
    expect(rows[0]).toHaveTextContent(
      '2 SLOs, none missed, 0.2 of 28 days of history',
    );
    expect(rows[0]).toHaveTextContent('Last evaluated 5 minutes ago');
    expect(within(rows[1]).getByTestId('check-status')).toHaveTextContent(
      'Waived',
    );
    expect(within(rows[2]).getByTestId('check-status')).toHaveTextContent(
      'Pending',
    );
    expect(rows[2]).toHaveTextContent("answered by the entity's owners");
    expect(screen.getByTestId('review-counts')).toHaveTextContent(
      '0 pass · 1 fail · 0 unknown · 1 pending · 1 waived',
    );

    // The failing check's pass rule, measurements and sources.
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show the evidence of SLOs met for 28 days',
      }),
    );
    const evidence = await screen.findByTestId('evidence-slo-history');
    const rule = within(evidence).getByRole('table', {
      name: 'Pass rule of SLOs met for 28 days',
    });
    expect(rule).toHaveTextContent('historyDays >= 28');
    expect(rule).toHaveTextContent('0.2');
    expect(rule).toHaveTextContent('missed');
    expect(
      within(evidence).getByRole('table', {
        name: 'Measurements of SLOs met for 28 days',
      }),
    ).toHaveTextContent('slosMissed0');
    expect(
      within(evidence).getByRole('link', { name: /SLOs of scoring-api/ }),
    ).toHaveAttribute('href', 'http://localhost:3000/slos');

    // The unknown check says why, and shows its waiver.
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show the evidence of On-call covers 14 days',
      }),
    );
    const waived = await screen.findByTestId('evidence-oncall-coverage');
    expect(waived).toHaveTextContent(
      'Why unknown: GET /api/oncall/schedules answered 503',
    );
    expect(within(waived).getByTestId('check-waiver')).toHaveTextContent(
      'On-call backend migrating this week',
    );

    // Only what applies is offered.
    expect(
      screen.getByRole('button', { name: 'Re-run SLOs met for 28 days' }),
    ).toBeEnabled();
    expect(
      screen.getByRole('button', { name: 'Waive SLOs met for 28 days' }),
    ).toBeEnabled();
    expect(
      screen.queryByRole('button', { name: 'Waive On-call covers 14 days' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Answer Design reviewed' }),
    ).toBeEnabled();
  });

  it('re-runs one check and shows the result the server answers', async () => {
    const rerun = makeReview({
      ...review,
      gates: [
        makeGate('operations', 'Operations', [
          makeCheck({
            status: 'pass',
            effectiveStatus: 'pass',
            summary: '28 days of history, no SLO missed',
          }),
        ]),
      ],
    });
    const api = fakeLaunchGatesApi(review, {
      evaluateReview: jest.fn(async () => rerun),
    });
    renderTab(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Re-run SLOs met for 28 days',
      }),
    );
    expect(
      await screen.findByText('28 days of history, no SLO missed'),
    ).toBeVisible();
    expect(api.evaluateReview).toHaveBeenCalledWith(review.id, {
      checkId: 'slo-history',
    });
  });

  it('polls while automated checks are pending, and stops once they are evaluated', async () => {
    const pending = makeReview({
      gates: [
        makeGate('operations', 'Operations', [
          makeCheck({
            status: 'pending',
            effectiveStatus: 'pending',
            summary: '',
            evidence: null,
            evaluatedAt: null,
          }),
        ]),
      ],
      lastEvaluatedAt: null,
    });
    const api = fakeLaunchGatesApi(pending, {
      getReview: jest
        .fn()
        .mockResolvedValueOnce(pending)
        .mockResolvedValue(review),
    });
    // The poll's interval passes on fake time (findBy* advances it).
    jest.useFakeTimers();
    try {
      renderTab(api);

      expect(await screen.findByTestId('evaluating')).toBeVisible();
      expect(screen.getByText('Evaluating…')).toBeVisible();
      expect(
        await screen.findByText(
          '2 SLOs, none missed, 0.2 of 28 days of history',
          undefined,
          { timeout: POLL_INTERVAL_MS + 5_000 },
        ),
      ).toBeVisible();
      expect(screen.queryByTestId('evaluating')).not.toBeInTheDocument();
      const calls = api.getReview.mock.calls.length;
      await act(async () => {
        await jest.advanceTimersByTimeAsync(POLL_INTERVAL_MS + 500);
      });
      expect(api.getReview).toHaveBeenCalledTimes(calls);
    } finally {
      jest.useRealTimers();
    }
  });

  it('invites to open a review when there is none, with the template, title and target date', async () => {
    const api = fakeLaunchGatesApi(review, {
      listReviews: jest
        .fn()
        .mockResolvedValueOnce(listOf([]))
        .mockResolvedValue(listOf([review])),
      openReview: jest.fn(async () => review),
    });
    renderTab(api);

    expect(await screen.findByText('No launch review yet')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Open review' }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() =>
      expect(
        within(dialog).getByRole('button', { name: 'Open review' }),
      ).toBeEnabled(),
    );
    await userEvent.type(
      within(dialog).getByLabelText('Title'),
      'Scoring API GA',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Open review' }),
    );
    await waitFor(() =>
      expect(api.openReview).toHaveBeenCalledWith({
        entityRef: SCORING_API_REF,
        templateName: 'default',
        title: 'Scoring API GA',
        targetDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      }),
    );
    expect(await screen.findAllByTestId('check-row')).toHaveLength(3);
  });
});
