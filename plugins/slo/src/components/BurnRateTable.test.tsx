import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { BurnRateTable } from './BurnRateTable';

/** 30-day thresholds: page 14.4 (5m+1h) and 6 (30m+6h); ticket 3 (2h+1d) and 1 (6h+3d). */
const quiet = {
  '5m': 0.5,
  '30m': 0.5,
  '1h': 0.5,
  '2h': 0.5,
  '6h': 0.5,
  '1d': 0.5,
  '3d': 0.5,
};

const row = (window: string) => screen.getByTestId(`burn-rate-${window}`);

describe('BurnRateTable', () => {
  it('marks the windows of a firing ticket alert', async () => {
    await renderInTestApp(
      <BurnRateTable
        period="30d"
        burnRates={{ ...quiet, '2h': 4, '1d': 3.5 }}
        firingAlerts={['ticket']}
      />,
    );

    for (const window of ['2h', '1d']) {
      expect(row(window)).toHaveAttribute('data-firing', 'ticket');
      expect(
        within(row(window)).getByText('ticket alert firing'),
      ).toBeVisible();
    }
    for (const window of ['5m', '30m', '1h', '6h', '3d']) {
      expect(row(window)).not.toHaveAttribute('data-firing');
    }
  });

  it('marks the ticket alert firing alongside the page alert', async () => {
    // The backend reports both: page (5m, 1h over 14.4) and ticket (2h, 1d over 3).
    await renderInTestApp(
      <BurnRateTable
        period="30d"
        burnRates={{ ...quiet, '5m': 20, '1h': 15.25, '2h': 8, '1d': 3.2 }}
        firingAlerts={['page', 'ticket']}
      />,
    );

    for (const window of ['5m', '1h']) {
      expect(row(window)).toHaveAttribute('data-firing', 'page');
      expect(within(row(window)).getByText('page alert firing')).toBeVisible();
    }
    for (const window of ['2h', '1d']) {
      expect(row(window)).toHaveAttribute('data-firing', 'ticket');
      expect(
        within(row(window)).getByText('ticket alert firing'),
      ).toBeVisible();
    }
    for (const window of ['30m', '6h', '3d']) {
      expect(row(window)).not.toHaveAttribute('data-firing');
    }
  });

  it('marks a window shared by both alerts with both', async () => {
    // 6h is the page slow pair's long window and the ticket slow pair's short.
    await renderInTestApp(
      <BurnRateTable
        period="30d"
        burnRates={{ ...quiet, '30m': 7, '6h': 6.5, '3d': 1.5 }}
        firingAlerts={['page', 'ticket']}
      />,
    );

    expect(row('6h')).toHaveAttribute('data-firing', 'page ticket');
    expect(within(row('6h')).getByText('page alert firing')).toBeVisible();
    expect(within(row('6h')).getByText('ticket alert firing')).toBeVisible();
    expect(row('30m')).toHaveAttribute('data-firing', 'page');
    expect(row('3d')).toHaveAttribute('data-firing', 'ticket');
  });

  it('marks only the alerts the backend reports, not what the burn rates suggest', async () => {
    // The ticket pair burns, but the backend does not report the ticket
    // alert (e.g. the spec disables it): only the page is marked.
    await renderInTestApp(
      <BurnRateTable
        period="30d"
        burnRates={{ ...quiet, '5m': 20, '1h': 15.25, '2h': 8, '1d': 3.2 }}
        firingAlerts={['page']}
      />,
    );

    expect(row('5m')).toHaveAttribute('data-firing', 'page');
    expect(row('1h')).toHaveAttribute('data-firing', 'page');
    expect(row('2h')).not.toHaveAttribute('data-firing');
    expect(row('1d')).not.toHaveAttribute('data-firing');
    expect(screen.queryByText('ticket alert firing')).not.toBeInTheDocument();
  });

  it('marks nothing when no alert fires', async () => {
    await renderInTestApp(
      <BurnRateTable
        period="30d"
        burnRates={{ ...quiet, '2h': 8, '1d': 3.2 }}
        firingAlerts={[]}
      />,
    );
    expect(screen.queryByText(/alert firing/)).not.toBeInTheDocument();
  });

  it("links each window to the entity's logs of that window", async () => {
    await renderInTestApp(
      <BurnRateTable
        period="30d"
        burnRates={quiet}
        firingAlerts={[]}
        logsLinkFor={window => `/catalog/default/component/x/logs?w=${window}`}
      />,
    );
    expect(screen.getByTestId('burn-logs-6h')).toHaveAttribute(
      'href',
      '/catalog/default/component/x/logs?w=6h',
    );
  });
});
