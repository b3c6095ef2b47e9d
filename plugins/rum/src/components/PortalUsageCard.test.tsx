import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { rumApiRef } from '../api/RumApi';
import { fakeRumApi, usage } from '../__testUtils__/fixtures';
import { PortalUsageCard } from './PortalUsageCard';

jest.setTimeout(30_000);

describe('PortalUsageCard', () => {
  it('shows users, page loads and the slowest routes by LCP p75', async () => {
    const api = fakeRumApi();
    await renderInTestApp(<PortalUsageCard />, { apis: [[rumApiRef, api]] });
    expect(await screen.findByTestId('rum-usage-users')).toHaveTextContent('4');
    expect(screen.getByTestId('rum-usage-page-loads')).toHaveTextContent('57');
    expect(screen.getByTestId('rum-usage-error-sessions')).toHaveTextContent(
      '1',
    );
    const rows = within(screen.getByTestId('rum-web-vitals')).getAllByTestId(
      'rum-route-row',
    );
    expect(rows.map(r => r.textContent)).toEqual([
      '/catalog/:namespace/:kind/:name/health3.10 s1012',
      '/catalog1.20 s2530',
    ]);
    expect(api.getUsage).toHaveBeenCalledWith('24h');
  });

  it('reloads for another range and says when no web vitals came in', async () => {
    const api = fakeRumApi({
      getUsage: jest.fn(async range => ({ ...usage, range, routes: [] })),
    });
    await renderInTestApp(<PortalUsageCard />, { apis: [[rumApiRef, api]] });
    expect(
      await screen.findByText('No web vitals were reported in this range.'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByText('Last 24h'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Last 7d' }),
    );
    expect(api.getUsage).toHaveBeenLastCalledWith('7d');
  });
});
