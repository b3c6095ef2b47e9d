import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { responseErrorOf } from '../responseError';
import { errorDetails } from './errorDetails';
import { ReportableErrorPanel } from './ReportableErrorPanel';
import { ProblemReport, reportProblemApiRef } from './reportProblemApi';

const failed = () =>
  responseErrorOf(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message: 'The database is down' },
      }),
      {
        status: 503,
        statusText: 'Service Unavailable',
        headers: {
          'Content-Type': 'application/json',
          'x-request-id': 'req-42',
        },
      },
    ),
  );

describe('errorDetails', () => {
  it.each([
    [new Error('plain'), { message: 'plain' }],
    [
      Object.assign(new Error('api'), { statusCode: 404, requestId: 'r1' }),
      { message: 'api', statusCode: 404, requestId: 'r1' },
    ],
    [
      Object.assign(new Error('logs'), { status: 400 }),
      { message: 'logs', statusCode: 400 },
    ],
    ['text', { message: 'text' }],
  ])('%s', (error, details) => {
    expect(errorDetails(error)).toEqual(details);
  });

  it('reads the request id a ResponseError keeps from its response', async () => {
    const error = await failed();
    expect(error).toBeInstanceOf(ResponseError);
    expect(errorDetails(error)).toEqual({
      message: 'The database is down',
      statusCode: 503,
      requestId: 'req-42',
    });
  });
});

describe('ReportableErrorPanel', () => {
  it('shows the error without a report button when no support plugin is installed', async () => {
    await renderInTestApp(<ReportableErrorPanel error={new Error('Boom')} />);
    expect(screen.getByText('Error: Boom')).toBeInTheDocument();
    expect(screen.queryByTestId('report-problem')).not.toBeInTheDocument();
  });

  it('files a ticket with the error context and links to it', async () => {
    const reports: ProblemReport[] = [];
    const api = {
      report: async (problem: ProblemReport) => {
        reports.push(problem);
        return { ticketId: 't-1', link: '/support/tickets/t-1' };
      },
    };
    const error = await failed();
    await renderInTestApp(
      <TestApiProvider apis={[[reportProblemApiRef, api]]}>
        <ReportableErrorPanel
          error={error}
          entityRef="component:default/vigil"
        />
      </TestApiProvider>,
    );
    fireEvent.click(screen.getByTestId('report-problem'));
    expect(screen.getByTestId('report-problem-context')).toHaveTextContent(
      'Request id: req-42',
    );
    fireEvent.change(screen.getByTestId('report-problem-text'), {
      target: { value: 'Opening the SLO tab' },
    });
    fireEvent.click(screen.getByTestId('report-problem-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('report-problem-ticket-link')).toHaveAttribute(
        'href',
        '/support/tickets/t-1',
      ),
    );
    expect(reports).toEqual([
      expect.objectContaining({
        text: 'Opening the SLO tab',
        message: 'The database is down',
        requestId: 'req-42',
        statusCode: 503,
        entityRef: 'component:default/vigil',
        time: expect.any(Date),
      }),
    ]);
  });
});
