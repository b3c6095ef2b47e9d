import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { FailedRequestAlert } from './FailedRequestAlert';
import { reportProblemApiRef } from './reportProblemApi';

const reportProblemApi = {
  report: async () => ({ ticketId: 't-1', link: '/support/tickets/t-1' }),
};
const failure = Object.assign(new Error('The database is down'), {
  statusCode: 503,
  requestId: 'req-7',
});

describe('FailedRequestAlert', () => {
  it.each([
    { why: 'a failed request', error: failure, reportable: true },
    { why: "the user's own input", error: undefined, reportable: false },
  ])(
    'offers a report for $why, and always a close button',
    async ({ error, reportable }) => {
      const onClose = jest.fn();
      await renderInTestApp(
        <TestApiProvider apis={[[reportProblemApiRef, reportProblemApi]]}>
          <FailedRequestAlert
            error={error}
            onClose={onClose}
            data-testid="banner"
          >
            Could not save
          </FailedRequestAlert>
        </TestApiProvider>,
      );
      expect(screen.getByTestId('banner')).toHaveTextContent('Could not save');
      expect(!!screen.queryByTestId('report-problem')).toBe(reportable);
      fireEvent.click(screen.getByRole('button', { name: 'Close' }));
      expect(onClose).toHaveBeenCalledTimes(1);
    },
  );

  it('has no close button when it cannot be closed', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[reportProblemApiRef, reportProblemApi]]}>
        <FailedRequestAlert error={failure}>Could not load</FailedRequestAlert>
      </TestApiProvider>,
    );
    expect(screen.getByTestId('report-problem')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Close' }),
    ).not.toBeInTheDocument();
  });
});
