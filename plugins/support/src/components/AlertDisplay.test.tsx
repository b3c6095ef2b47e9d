import { alertApiRef, errorApiRef } from '@backstage/core-plugin-api';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { reportProblemApiRef, type ProblemReport } from '@vigil/frontend-kit';
import { AlertDisplay } from './AlertDisplay';

/** A synchronous subject, like the app's forwarders. */
function subject<T>() {
  const listeners: Array<(value: T) => void> = [];
  return {
    next: (value: T) => listeners.forEach(l => l(value)),
    observable: () => ({
      subscribe(listener: (value: T) => void) {
        listeners.push(listener);
        return { unsubscribe() {} };
      },
    }),
  };
}

describe('AlertDisplay', () => {
  it('shows failed requests with "Report this problem", carrying the posted error', async () => {
    const alerts = subject<any>();
    const errors = subject<any>();
    const reports: ProblemReport[] = [];
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [alertApiRef, { post: () => {}, alert$: alerts.observable } as any],
          [errorApiRef, { post: () => {}, error$: errors.observable } as any],
          [
            reportProblemApiRef,
            {
              report: async (p: ProblemReport) => {
                reports.push(p);
                return { ticketId: 't-9', link: '/support/tickets/t-9' };
              },
            },
          ],
        ]}
      >
        <AlertDisplay />
      </TestApiProvider>,
    );
    const error = Object.assign(new Error('Could not load entities'), {
      statusCode: 500,
      requestId: 'req-7',
    });
    act(() => {
      // As the app's ErrorAlerter does: the alert, then the error.
      alerts.next({ message: error.message, severity: 'error' });
      errors.next({ error });
      alerts.next({ message: 'Saved', severity: 'success' });
    });
    expect(screen.getByTestId('alert-banner-error')).toHaveTextContent(
      'Could not load entities',
    );
    expect(screen.getByTestId('alert-banner-success')).toHaveTextContent(
      'Saved',
    );
    fireEvent.click(screen.getByTestId('report-problem'));
    fireEvent.click(screen.getByTestId('report-problem-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('report-problem-done')).toHaveTextContent(
        't-9',
      ),
    );
    expect(reports[0]).toMatchObject({
      text: 'I ran into this error: Could not load entities',
      message: 'Could not load entities',
      requestId: 'req-7',
      statusCode: 500,
    });
  });
});
