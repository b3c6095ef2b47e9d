import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sandboxApiRef } from '../api/SandboxApi';
import { fakeSandboxApi, runningSandbox } from '../__testUtils__/fixtures';
import { SandboxPage } from './SandboxPage';

jest.setTimeout(30_000);

describe('SandboxPage', () => {
  it('marks the sandbox and lists its services with SLO status and links', async () => {
    const api = fakeSandboxApi();
    await renderInTestApp(<SandboxPage />, { apis: [[sandboxApiRef, api]] });
    const checkout = await screen.findByTestId('sandbox-service-checkout');
    expect(screen.getByTestId('sandbox-banner')).toHaveTextContent(
      'synthetic services',
    );
    expect(checkout).toHaveTextContent('Checkout (sandbox, synthetic)');
    expect(checkout).toHaveTextContent('breaching');
    expect(checkout).toHaveTextContent('-25% budget left');
    expect(
      within(checkout).getByRole('link', { name: 'SLO tab' }),
    ).toHaveAttribute('href', '/catalog/sandbox/component/checkout/slos');
    expect(
      within(checkout).getByRole('link', { name: 'Health tab' }),
    ).toHaveAttribute('href', '/catalog/sandbox/component/checkout/health');
    expect(
      within(checkout).getByRole('link', { name: 'Incidents' }),
    ).toHaveAttribute('href', '/catalog/sandbox/component/checkout/incidents');
    expect(screen.getByTestId('sandbox-service-inventory')).toHaveTextContent(
      'No SLOs evaluated yet',
    );
  });

  it('injects a fault: the error rate in percent, applied', async () => {
    const api = fakeSandboxApi();
    await renderInTestApp(<SandboxPage />, { apis: [[sandboxApiRef, api]] });
    const input = await screen.findByTestId(
      'sandbox-fault-error-rate-checkout',
    );
    fireEvent.change(input, { target: { value: '50' } });
    fireEvent.change(screen.getByTestId('sandbox-fault-latency-checkout'), {
      target: { value: '200' },
    });
    await userEvent.click(screen.getByTestId('sandbox-apply-checkout'));
    expect(api.setFaults).toHaveBeenCalledWith('checkout', {
      errorRate: 0.5,
      latencyMs: 200,
    });
    expect(
      await screen.findByTestId('sandbox-applied-checkout'),
    ).toHaveTextContent('50% errors, +200 ms');
    await waitFor(() =>
      expect(screen.getByTestId('sandbox-service-checkout')).toHaveTextContent(
        'Faults injected: 50% errors, +200 ms',
      ),
    );
  });

  it('refuses an error rate out of range before sending it', async () => {
    const api = fakeSandboxApi();
    await renderInTestApp(<SandboxPage />, { apis: [[sandboxApiRef, api]] });
    const input = await screen.findByTestId(
      'sandbox-fault-error-rate-checkout',
    );
    fireEvent.change(input, { target: { value: '150' } });
    expect(screen.getByTestId('sandbox-apply-checkout')).toBeDisabled();
    expect(screen.getByText(/a percentage from 0 to 100/)).toBeInTheDocument();
  });

  it('says what went wrong when a fault is refused', async () => {
    const api = fakeSandboxApi(runningSandbox, {
      setFaults: jest.fn(async () => {
        throw new Error('Request failed with 403: Not allowed');
      }),
    });
    await renderInTestApp(<SandboxPage />, { apis: [[sandboxApiRef, api]] });
    await userEvent.click(await screen.findByTestId('sandbox-apply-checkout'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Request failed with 403',
    );
  });

  it('resets after a confirmation and summarises what it did', async () => {
    const api = fakeSandboxApi();
    await renderInTestApp(<SandboxPage />, { apis: [[sandboxApiRef, api]] });
    await userEvent.click(await screen.findByTestId('sandbox-reset'));
    expect(screen.getByText('Reset the sandbox?')).toBeInTheDocument();
    await userEvent.click(screen.getByText('Cancel'));
    expect(api.reset).not.toHaveBeenCalled();

    await userEvent.click(screen.getByTestId('sandbox-reset'));
    await userEvent.click(await screen.findByTestId('sandbox-reset-confirm'));
    const summary = await screen.findByTestId('sandbox-reset-result');
    expect(api.reset).toHaveBeenCalledTimes(1);
    expect(summary).toHaveTextContent('The sandbox was reset.');
    expect(summary).toHaveTextContent(
      '2 incident(s), 1 postmortem(s) and 0 action item(s) deleted',
    );
    expect(summary).toHaveTextContent('12 evaluation(s) deleted');
  });

  it('says how to start the sandbox when it is not running', async () => {
    const api = fakeSandboxApi({
      running: false,
      message:
        'The sandbox is not running (nothing answers at http://127.0.0.1:8090).',
      startCommand: './vigil start --sandbox',
      services: [],
    });
    await renderInTestApp(<SandboxPage />, { apis: [[sandboxApiRef, api]] });
    const card = await screen.findByTestId('sandbox-not-running');
    expect(card).toHaveTextContent('nothing answers at http://127.0.0.1:8090');
    expect(card).toHaveTextContent('./vigil start --sandbox');
    expect(screen.getByTestId('sandbox-banner')).toBeInTheDocument();
  });
});
