import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  LogsApiError,
  type LogLine,
  type LogsApi,
} from '@vigil/backstage-plugin-logs-common';
import {
  reportProblemApiRef,
  type ProblemReport,
  type ReportProblemApi,
} from '@vigil/frontend-kit';
import { logsApiRef } from '../api/LogsApi';
import { EntityLogsContent } from './EntityLogsContent';

jest.setTimeout(60_000);

const scoringApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'scoring-api',
    namespace: 'default',
    annotations: { 'vigil.dev/log-service': 'scoring-api' },
  },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
};

const line = (overrides: Partial<LogLine>): LogLine => ({
  id: '1',
  ts: '2026-12-01T10:15:00.123000Z',
  service: 'scoring-api',
  level: 'info',
  message: 'request completed',
  fields: { route: '/v1/score', status: 200 },
  ...overrides,
});

function fakeApi(overrides: Partial<LogsApi> = {}) {
  return {
    search: jest.fn(async () => ({
      service: 'scoring-api',
      from: '2026-12-01T10:00:00.000Z',
      to: '2026-12-01T11:00:00.000Z',
      items: [
        line({
          id: '2',
          level: 'warn',
          message: 'slow request',
          requestId: 'req-7',
          fields: { durationMs: 812 },
        }),
        line({ id: '1', requestId: 'req-6' }),
      ],
    })),
    tail: jest.fn(async () => ({
      service: 'scoring-api',
      items: [],
      cursor: 'c1',
    })),
    ...overrides,
  } as jest.Mocked<LogsApi>;
}

function renderTab(api: LogsApi, reports?: ReportProblemApi) {
  return renderInTestApp(
    <EntityProvider entity={scoringApi}>
      <EntityLogsContent tailPollMs={20} />
    </EntityProvider>,
    {
      apis: [
        [logsApiRef, api],
        ...(reports ? [[reportProblemApiRef, reports] as const] : []),
      ],
    },
  );
}

const ENTITY = { kind: 'Component', namespace: 'default', name: 'scoring-api' };

beforeEach(() =>
  window.history.replaceState(
    null,
    '',
    '/catalog/default/component/scoring-api/logs',
  ),
);

describe('EntityLogsContent', () => {
  it('searches with the filters of the URL (a link from an incident or an SLO burn)', async () => {
    window.history.replaceState(
      null,
      '',
      '/catalog/default/component/scoring-api/logs?from=2026-12-01T10:00:00Z&to=2026-12-01T11:00:00Z&level=warn',
    );
    const api = fakeApi();
    await renderTab(api);

    const rows = await screen.findAllByTestId('log-line');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent(/warn.*slow request.*req-7/);
    expect(api.search).toHaveBeenCalledWith(ENTITY, {
      from: '2026-12-01T10:00:00.000Z',
      to: '2026-12-01T11:00:00.000Z',
      level: 'warn',
      q: undefined,
      requestId: undefined,
    });
  });

  it('filters by a request id when it is clicked, and says so in the URL', async () => {
    const api = fakeApi();
    await renderTab(api);
    await userEvent.click(
      (
        await screen.findAllByTestId('log-line-request-id')
      )[0],
    );

    expect(await screen.findByTestId('logs-request-filter')).toHaveTextContent(
      'Request req-7',
    );
    await waitFor(() =>
      expect(api.search).toHaveBeenLastCalledWith(
        ENTITY,
        expect.objectContaining({ requestId: 'req-7' }),
      ),
    );
    expect(window.location.search).toBe('?requestId=req-7');
  });

  it('expands a line to its JSON', async () => {
    await renderTab(fakeApi());
    const [first] = await screen.findAllByTestId('log-line');
    await userEvent.click(
      within(first).getByRole('button', { name: 'Show the JSON line' }),
    );
    expect(await within(first).findByTestId('log-line-json')).toHaveTextContent(
      '"durationMs": 812',
    );
  });

  it('searches words when typing pauses', async () => {
    const api = fakeApi();
    await renderTab(api);
    await userEvent.type(
      await screen.findByTestId('logs-search'),
      'slow{enter}',
    );
    await waitFor(() =>
      expect(api.search).toHaveBeenLastCalledWith(
        ENTITY,
        expect.objectContaining({ q: 'slow' }),
      ),
    );
    expect(window.location.search).toBe('?q=slow');
  });

  it('says when nothing matches, and what went wrong', async () => {
    await renderTab(
      fakeApi({
        search: jest.fn(async () => ({
          service: 's',
          from: '',
          to: '',
          items: [],
        })),
      }),
    );
    expect(await screen.findByTestId('logs-empty')).toHaveTextContent(
      /No log lines match/,
    );
  });

  it('shows the backend message of a failed search', async () => {
    await renderTab(
      fakeApi({
        search: jest.fn(async () => {
          throw new LogsApiError('The logs store needs PostgreSQL', 503);
        }),
      }),
    );
    expect(await screen.findByTestId('logs-error')).toHaveTextContent(
      'The logs store needs PostgreSQL',
    );
  });

  it('reports a failed search with its request id and the entity', async () => {
    const reports: ProblemReport[] = [];
    await renderTab(
      fakeApi({
        search: jest.fn(async () => {
          throw new LogsApiError(
            'The logs store needs PostgreSQL',
            503,
            'req-logs-9',
          );
        }),
      }),
      {
        report: async problem => {
          reports.push(problem);
          return { ticketId: 't-9', link: '/support/tickets/t-9' };
        },
      },
    );
    const banner = await screen.findByTestId('logs-error');
    await userEvent.click(within(banner).getByTestId('report-problem'));
    expect(screen.getByTestId('report-problem-context')).toHaveTextContent(
      'Request id: req-logs-9',
    );
    await userEvent.click(screen.getByTestId('report-problem-submit'));
    await screen.findByTestId('report-problem-ticket-link');
    expect(reports).toEqual([
      expect.objectContaining({
        message: 'The logs store needs PostgreSQL',
        requestId: 'req-logs-9',
        statusCode: 503,
        entityRef: 'component:default/scoring-api',
      }),
    ]);
  });

  it('live-tails new lines on top, polling with the last cursor', async () => {
    let polls = 0;
    const api = fakeApi({
      tail: jest.fn(async () => {
        polls += 1;
        if (polls === 2) {
          return {
            service: 'scoring-api',
            cursor: 'c2',
            items: [
              line({ id: '10', message: 'fresh one' }),
              line({ id: '11', message: 'fresh two' }),
            ],
          };
        }
        return {
          service: 'scoring-api',
          items: [],
          cursor: polls === 1 ? 'c1' : 'c2',
        };
      }),
    });
    await renderTab(api);
    await screen.findAllByTestId('log-line');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Live tail' }));

    await waitFor(() =>
      expect(screen.getAllByTestId('log-line').map(r => r.textContent)).toEqual(
        [
          expect.stringContaining('fresh two'),
          expect.stringContaining('fresh one'),
        ],
      ),
    );
    expect(api.tail).toHaveBeenNthCalledWith(
      1,
      ENTITY,
      expect.objectContaining({ after: undefined }),
    );
    expect(api.tail).toHaveBeenNthCalledWith(
      2,
      ENTITY,
      expect.objectContaining({ after: 'c1' }),
    );
  });
});
