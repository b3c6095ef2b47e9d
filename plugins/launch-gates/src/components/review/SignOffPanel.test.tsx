import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LaunchGatesApiError } from '@vigil/backstage-plugin-launch-gates-common';
import { reportProblemApiRef, type ProblemReport } from '@vigil/frontend-kit';
import { launchGatesApiRef } from '../../api/LaunchGatesApi';
import {
  apiError,
  ERIN,
  EVIDENCE_HASH,
  fakeLaunchGatesApi,
  FakeLaunchGatesApi,
  makeCheck,
  makeGate,
  makeReview,
  PRODUCT_OWNERS,
} from '../../__testUtils__/fixtures';
import { SignOffPanel } from './SignOffPanel';
import type { ReviewDetail } from '@vigil/backstage-plugin-launch-gates-common';

jest.setTimeout(30_000);

const blocked = makeReview({
  gates: [
    makeGate('operations', 'Operations', [
      makeCheck(),
      makeCheck({
        checkId: 'oncall-coverage',
        title: 'On-call covers 14 days',
        provider: 'oncall-coverage',
        status: 'unknown',
        effectiveStatus: 'unknown',
      }),
      makeCheck({
        checkId: 'runbooks',
        title: 'Runbooks for every alert',
        provider: 'runbooks',
        status: 'pass',
        effectiveStatus: 'pass',
      }),
    ]),
  ],
});

const ready = makeReview({
  gates: [
    makeGate('operations', 'Operations', [
      makeCheck({ status: 'pass', effectiveStatus: 'pass' }),
    ]),
  ],
});

/** "Report this problem" as the support plugin provides it, recording. */
function recordingReports() {
  const reports: ProblemReport[] = [];
  const api = {
    report: async (problem: ProblemReport) => {
      reports.push(problem);
      return { ticketId: 't-1', link: '/support/tickets/t-1' };
    },
  };
  return { reports, api };
}

function render(
  review: ReviewDetail,
  api: FakeLaunchGatesApi,
  ownership: string[] = [ERIN, PRODUCT_OWNERS],
  reportProblemApi?: ReturnType<typeof recordingReports>['api'],
) {
  const onSigned = jest.fn();
  const onReload = jest.fn();
  const result = renderInTestApp(
    <SignOffPanel review={review} onSigned={onSigned} onReload={onReload} />,
    {
      apis: [
        [launchGatesApiRef, api],
        mockApis.identity({
          userEntityRef: ownership[0],
          ownershipEntityRefs: ownership,
        }),
        ...(reportProblemApi
          ? [[reportProblemApiRef, reportProblemApi] as const]
          : []),
      ],
    },
  );
  return { ...result, onSigned, onReload };
}

describe('SignOffPanel', () => {
  it('disables Go while blocking checks neither pass nor are waived, and names them', async () => {
    const api = fakeLaunchGatesApi(blocked);
    render(blocked, api);

    await waitFor(() =>
      expect(screen.getByTestId('signers')).toHaveTextContent(
        'Who may sign: group:product-owners (you may sign)',
      ),
    );
    expect(screen.getByRole('button', { name: 'Sign Go' })).toBeDisabled();
    const named = screen.getAllByTestId('blocker').map(b => b.textContent);
    expect(named).toEqual([
      'SLOs met for 28 days (slo-history): Fail',
      'On-call covers 14 days (oncall-coverage): Unknown',
    ]);
    expect(screen.getByRole('button', { name: 'Sign No-Go' })).toBeEnabled();
  });

  it('signs a No-Go on a blocked review with the evidence hash it loaded', async () => {
    const signed = makeReview({ ...blocked, state: 'no-go' });
    const api = fakeLaunchGatesApi(blocked, {
      signOff: jest.fn(async () => signed),
    });
    const { onSigned } = render(blocked, api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Sign No-Go' }),
    );
    expect(await screen.findByText('a comment is required')).toBeVisible();
    expect(api.signOff).not.toHaveBeenCalled();

    await userEvent.type(
      screen.getByLabelText(/Decision comment/),
      'History too short to launch',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Sign No-Go' }));
    await waitFor(() => expect(onSigned).toHaveBeenCalledWith(signed));
    expect(api.signOff).toHaveBeenCalledWith(blocked.id, {
      decision: 'no-go',
      comment: 'History too short to launch',
      evidenceHash: EVIDENCE_HASH,
    });
  });

  it("enables Go once nothing blocks, and shows the server's refusal as it says it", async () => {
    const message =
      'Only the product owner of component:default/scoring-api may sign: group:default/product-owners';
    const api = fakeLaunchGatesApi(ready, {
      signOff: jest.fn(async () => {
        throw apiError(403, message);
      }),
    });
    render(ready, api, ['user:default/mallory']);

    await waitFor(() =>
      expect(screen.getByTestId('signers')).toHaveTextContent(
        '(you are not one of them)',
      ),
    );
    expect(screen.queryByTestId('go-blockers')).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Decision comment/), 'Ship it');
    await userEvent.click(screen.getByRole('button', { name: 'Sign Go' }));
    expect(await screen.findByText(message)).toBeVisible();
  });

  it('offers a reload when the evidence changed since the review was loaded', async () => {
    const api = fakeLaunchGatesApi(ready, {
      signOff: jest.fn(async () => {
        throw apiError(
          409,
          'the evidence changed since you loaded the review; reload',
        );
      }),
    });
    const { onReload } = render(ready, api);
    await userEvent.type(
      await screen.findByLabelText(/Decision comment/),
      'Ship it',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Sign Go' }));
    expect(
      await screen.findByText(
        'the evidence changed since you loaded the review; reload',
      ),
    ).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalled();
  });

  it('reports a failed sign-off with its request id, review entity and status', async () => {
    const failure = new LaunchGatesApiError({
      statusCode: 503,
      statusText: 'Service Unavailable',
      body: undefined,
      backendMessage: 'The database is down',
      requestId: 'req-503',
    });
    const api = fakeLaunchGatesApi(ready, {
      signOff: jest.fn(async () => {
        throw failure;
      }),
    });
    const support = recordingReports();
    render(ready, api, undefined, support.api);
    await userEvent.type(
      await screen.findByLabelText(/Decision comment/),
      'Ship it',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Sign Go' }));
    expect(await screen.findByText('The database is down')).toBeVisible();

    await userEvent.click(screen.getByTestId('report-problem'));
    expect(screen.getByTestId('report-problem-context')).toHaveTextContent(
      'Request id: req-503',
    );
    await userEvent.click(screen.getByTestId('report-problem-submit'));
    expect(
      await screen.findByTestId('report-problem-ticket-link'),
    ).toHaveAttribute('href', '/support/tickets/t-1');
    expect(support.reports).toEqual([
      expect.objectContaining({
        message:
          'Request failed with 503 Service Unavailable: The database is down',
        requestId: 'req-503',
        statusCode: 503,
        entityRef: ready.entityRef,
      }),
    ]);
  });

  it('offers no report for a conflict (a reload fixes it) nor without the support plugin', async () => {
    const conflict = fakeLaunchGatesApi(ready, {
      signOff: jest.fn(async () => {
        throw apiError(409, 'the evidence changed; reload');
      }),
    });
    const { unmount } = render(
      ready,
      conflict,
      undefined,
      recordingReports().api,
    );
    await userEvent.type(
      await screen.findByLabelText(/Decision comment/),
      'Ship it',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Sign Go' }));
    expect(
      await screen.findByText('the evidence changed; reload'),
    ).toBeVisible();
    expect(screen.queryByTestId('report-problem')).not.toBeInTheDocument();
    unmount();

    const down = fakeLaunchGatesApi(ready, {
      signOff: jest.fn(async () => {
        throw apiError(503, 'The database is down');
      }),
    });
    render(ready, down);
    await userEvent.type(
      await screen.findByLabelText(/Decision comment/),
      'Ship it',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Sign Go' }));
    expect(await screen.findByText('The database is down')).toBeVisible();
    expect(screen.queryByTestId('report-problem')).not.toBeInTheDocument();
  });
});
