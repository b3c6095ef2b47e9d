import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { deploymentsApiRef } from '../api/DeploymentsApi';
import {
  doraFigures,
  fakeDeploymentsApi,
  FakeDeploymentsApi,
  makeDrill,
  makeRecord,
  SCORING_API_REF,
  scoringApi,
} from '../__testUtils__/fixtures';
import { EntityDeploymentsContent } from './EntityDeploymentsContent';

jest.setTimeout(60_000);

function renderTab(api: FakeDeploymentsApi) {
  return renderInTestApp(
    <EntityProvider entity={scoringApi}>
      <EntityDeploymentsContent />
    </EntityProvider>,
    { apis: [[deploymentsApiRef, api]] },
  );
}

describe('EntityDeploymentsContent', () => {
  it('shows the DORA figures of the last 30 days', async () => {
    const api = fakeDeploymentsApi();
    renderTab(api);

    expect(await screen.findByTestId('dora-frequency')).toHaveTextContent(
      /2\.8 per week.*12 deploys took traffic in 30 days/,
    );
    expect(screen.getByTestId('dora-change-failure-rate')).toHaveTextContent(
      '25%',
    );
    expect(screen.getByTestId('dora-time-to-restore')).toHaveTextContent(
      '1 min 35 s',
    );
    expect(screen.getByTestId('dora-lead-time')).toHaveTextContent('2 h 5 min');
    expect(api.getDora).toHaveBeenCalledWith({
      entityRef: SCORING_API_REF,
      days: 30,
    });
  });

  it('says "No data" for each figure there is nothing to compute from', async () => {
    const api = fakeDeploymentsApi([], {
      getDora: async () => ({
        ...doraFigures,
        deployments: 0,
        deploymentFrequencyPerDay: 0,
        changeFailureRate: null,
        timeToRestoreMs: null,
        leadTimeMs: null,
      }),
    });
    renderTab(api);

    expect(await screen.findByTestId('dora-frequency')).toHaveTextContent(
      'No dataNo deploy took traffic in the last 30 days.',
    );
    for (const id of [
      'dora-change-failure-rate',
      'dora-time-to-restore',
      'dora-lead-time',
    ]) {
      expect(screen.getByTestId(id)).toHaveTextContent(/^.*No data/);
    }
    expect(
      await screen.findByText(/No releases recorded yet/),
    ).toBeInTheDocument();
    expect(screen.getByText(/No rollback drills yet/)).toBeInTheDocument();
  });

  it('lists releases with version, commit, who, duration and outcome; a row expands to its steps and smoke checks', async () => {
    const api = fakeDeploymentsApi([
      makeRecord(),
      makeRecord({
        id: 'dep-2',
        outcome: 'rolled_back',
        release: { version: '0.1.1+9c8b7a6', commit: '9c8b7a6' },
        startedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
        reason: 'SLO fast burn during the watch window',
        steps: [
          {
            name: 'watch',
            status: 'failed',
            startedAt: new Date(Date.now() - 4 * 60_000).toISOString(),
            detail: 'fast-burn condition true; traffic back on blue',
          },
        ],
        smoke: [
          {
            name: 'score',
            ok: false,
            target: 'green',
            at: new Date(Date.now() - 4 * 60_000).toISOString(),
            durationMs: 31,
            detail: 'POST /v1/score answered 500',
          },
        ],
      }),
    ]);
    renderTab(api);

    const table = await screen.findByRole('table', { name: 'Releases' });
    const rows = within(table).getAllByTestId('release-row');
    // Newest first.
    expect(rows[0]).toHaveTextContent('v0.1.1+9c8b7a6');
    expect(rows[0]).toHaveTextContent('Rolled back');
    expect(rows[1]).toHaveTextContent('v0.1.0+3f2a1bc');
    expect(rows[1]).toHaveTextContent('3f2a1bc');
    expect(rows[1]).toHaveTextContent('dmitri@laptop');
    expect(rows[1]).toHaveTextContent('recorded by vigil-deploy');
    expect(rows[1]).toHaveTextContent('30 minutes ago');
    expect(rows[1]).toHaveTextContent('1 min 35 s');
    expect(rows[1]).toHaveTextContent('Succeeded');
    expect(api.listDeployments).toHaveBeenCalledWith({
      entityRef: SCORING_API_REF,
      kind: 'deploy',
      limit: 50,
    });

    await userEvent.click(
      within(rows[1]).getByRole('button', {
        name: 'Show the steps of v0.1.0+3f2a1bc',
      }),
    );
    const details = await screen.findByTestId('release-details-dep-1');
    expect(
      within(details).getByText(/From v0\.1\.0\+0aa11bb \(0aa11bb\)/),
    ).toHaveTextContent(/blue → green/);
    const steps = within(details).getByRole('table', { name: 'Steps' });
    expect(within(steps).getAllByRole('row')).toHaveLength(4);
    expect(steps).toHaveTextContent('3 checks passed on green');
    const smoke = within(details).getByRole('table', { name: 'Smoke checks' });
    expect(smoke).toHaveTextContent(/readiness.*green.*passed/);
    expect(within(details).queryByTestId('release-failure')).toBeNull();

    await userEvent.click(
      within(rows[0]).getByRole('button', {
        name: 'Show the steps of v0.1.1+9c8b7a6',
      }),
    );
    const failure = await screen.findByTestId('release-failure');
    expect(failure).toHaveTextContent('SLO fast burn during the watch window');
    expect(failure).toHaveTextContent(
      'watch: fast-burn condition true; traffic back on blue',
    );
    expect(failure).toHaveTextContent(
      'Smoke check score on green: POST /v1/score answered 500',
    );
  });

  it('lists drills with detection, RTO and RPO against their targets', async () => {
    const api = fakeDeploymentsApi([
      makeRecord({
        id: 'drill-1',
        kind: 'drill',
        outcome: 'rolled_back',
        drill: makeDrill(),
      }),
      makeRecord({
        id: 'drill-2',
        kind: 'drill',
        outcome: 'rolled_back',
        drill: makeDrill({
          rto: {
            restoredAt: new Date().toISOString(),
            rtoMs: 45_000,
            targetMs: 30_000,
            met: false,
          },
          passed: false,
        }),
      }),
      makeRecord({
        id: 'drill-3',
        kind: 'drill',
        outcome: 'rolled_back',
        drill: makeDrill({
          detection: {
            detectedAt: new Date().toISOString(),
            detectionMs: 120_000,
            signal: 'none',
            detail: 'nothing noticed the fault; rolled back by hand',
          },
          passed: false,
        }),
      }),
    ]);
    renderTab(api);

    const table = await screen.findByRole('table', {
      name: 'Rollback drills',
    });
    const [passed, failed, undetected] =
      within(table).getAllByTestId('drill-row');
    expect(undetected).toHaveTextContent('Not detected (gave up after 2 min');
    expect(undetected).toHaveTextContent('Failed');
    expect(passed).toHaveTextContent('v0.1.0+3f2a1bc.drill → v0.1.0+3f2a1bc');
    expect(passed).toHaveTextContent('4.2 s by smoke checks');
    expect(within(passed).getByTestId('drill-rto')).toHaveTextContent(
      '5.1 s (target 30 s)',
    );
    expect(within(passed).getByTestId('drill-rpo')).toHaveTextContent(
      '4.9 s (target 10 s)212 of 3000 requests failed; 0 of 40 feature writes lost',
    );
    expect(passed).toHaveTextContent('Passed');
    expect(within(failed).getByTestId('drill-rto')).toHaveTextContent(
      '45 s (target 30 s)',
    );
    expect(failed).toHaveTextContent('Failed');
    // Drills are not releases.
    expect(
      await screen.findByText(/No releases recorded yet/),
    ).toBeInTheDocument();
  });

  it('keeps the other cards when one request fails', async () => {
    const api = fakeDeploymentsApi([makeRecord()], {
      getDora: async () => {
        throw new Error('Request failed with 503 Service Unavailable');
      },
    });
    renderTab(api);

    expect(
      (await screen.findAllByText(/Request failed with 503/)).length,
    ).toBeGreaterThan(0);
    expect(
      await screen.findByRole('table', { name: 'Releases' }),
    ).toHaveTextContent('v0.1.0+3f2a1bc');
  });
});
