import { screen, waitFor, within } from '@testing-library/react';
import { at, EVERY_EVENT, makeDetails } from '../../__testUtils__/fixtures';
import {
  fakeSignals,
  renderPage,
  withDetails,
} from './__testUtils__/incidentPage';

jest.setTimeout(60_000);

describe('IncidentPage', () => {
  it('renders every timeline event type with its actor', async () => {
    const api = withDetails(makeDetails({ timeline: EVERY_EVENT }));
    renderPage(api);
    await screen.findByRole('list', { name: 'Incident timeline' });
    expect(api.getIncident).toHaveBeenCalledWith('inc-1');

    const expected: Array<[string, RegExp]> = [
      ['alert_attached', /Alert CheckoutErrorBudgetBurn firing since/],
      [
        'alerts_truncated',
        /Alertmanager truncated 3 alerts of this group \(received 5\)by alertmanager$/,
      ],
      ['role_assigned', /alice assigned as Commander/],
      ['acknowledged', /Acknowledged by alice$/],
      ['status_changed', /Status changed from Investigating to Identified/],
      ['severity_changed', /Severity changed from SEV3 to SEV2/],
      ['note', /Rolled back v2\.3/],
      ['link', /Link added: Checkout dashboard/],
      ['role_unassigned', /bob unassigned as Scribe/],
      ['alert_resolved', /Alert CheckoutErrorBudgetBurn resolved at/],
      ['postmortem_created', /Postmortem created/],
      ['postmortem_published', /Postmortem published/],
    ];
    const items = within(
      screen.getByRole('list', { name: 'Incident timeline' }),
    ).getAllByRole('listitem');
    // Oldest first, one item per event.
    expect(items.map(item => item.getAttribute('data-testid'))).toEqual(
      expected.map(([type]) => `timeline-${type}`),
    );
    for (const [type, text] of expected) {
      expect(screen.getByTestId(`timeline-${type}`)).toHaveTextContent(text);
    }
    expect(screen.getByTestId('timeline-alert_attached')).toHaveTextContent(
      'by alertmanager',
    );
    expect(screen.getByTestId('timeline-alert_attached')).toHaveTextContent(
      'service=checkout',
    );
    expect(screen.getByTestId('timeline-note')).toHaveTextContent('by bob');
    // The acknowledgement names its user once, as a link to the catalog.
    expect(
      within(screen.getByTestId('timeline-acknowledged')).getByRole('link', {
        name: /alice/,
      }),
    ).toHaveAttribute('href', '/catalog/default/user/alice');
    expect(
      within(screen.getByTestId('timeline-link')).getByRole('link', {
        name: /Checkout dashboard/,
      }),
    ).toHaveAttribute('href', 'https://grafana.example/d/checkout');
    expect(
      within(screen.getByTestId('timeline-postmortem_created')).getByRole(
        'link',
        { name: 'Postmortem' },
      ),
    ).toHaveAttribute('href', '/incidents/inc-1/postmortem');
  });

  it('counts a single truncated alert in the singular', async () => {
    renderPage(
      withDetails(
        makeDetails({
          timeline: [
            {
              id: 1,
              type: 'alerts_truncated',
              at: at(0),
              actor: 'alertmanager',
              truncatedAlerts: 1,
              receivedAlerts: 10,
            },
          ],
        }),
      ),
    );
    expect(
      await screen.findByTestId('timeline-alerts_truncated'),
    ).toHaveTextContent(
      'Alertmanager truncated 1 alert of this group (received 10)',
    );
  });

  it('shows alerts, lifecycle, roles and links to each entity', async () => {
    const api = withDetails(
      makeDetails(
        {
          alerts: [
            {
              fingerprint: 'fp-1',
              alertName: 'CheckoutErrorBudgetBurn',
              status: 'firing',
              startsAt: '2024-05-01T11:55:00Z',
              labels: { severity: 'page' },
            },
          ],
        },
        { entityRefs: ['component:default/checkout', 'API:shop/payments-api'] },
      ),
    );
    renderPage(api);

    const alerts = await screen.findByRole('table', { name: 'Alerts' });
    expect(within(alerts).getByText('fp-1')).toBeInTheDocument();
    expect(
      within(alerts).getByText('CheckoutErrorBudgetBurn'),
    ).toBeInTheDocument();
    expect(within(alerts).getByText('firing')).toBeInTheDocument();
    expect(within(alerts).getByText('severity=page')).toBeInTheDocument();

    const lifecycle = screen.getByTestId('incident-lifecycle');
    expect(lifecycle).toHaveTextContent('Acknowledged');
    expect(lifecycle).toHaveTextContent('(2m after declared)');
    expect(lifecycle).toHaveTextContent('Resolved—');

    expect(screen.getByTestId('role-commander')).toHaveTextContent('alice');
    expect(screen.getByTestId('role-scribe')).toHaveTextContent('Unassigned');

    const [checkout, paymentsApi] = screen.getAllByTestId('affected-entity');
    const hrefs = (el: HTMLElement) =>
      within(el)
        .getAllByRole('link')
        .map(a => [a.textContent, a.getAttribute('href')]);
    expect(hrefs(checkout)).toEqual([
      ['checkout', '/catalog/default/component/checkout'],
      ['Catalog', '/catalog/default/component/checkout'],
      ['Runbooks', '/docs/default/component/checkout'],
      ['SLOs', '/catalog/default/component/checkout/slos'],
      // Its Logs tab over the incident's window (open: from before it, no end).
      [
        'Logs',
        expect.stringMatching(
          /^\/catalog\/default\/component\/checkout\/logs\?from=[^&]+$/,
        ),
      ],
    ]);
    expect(hrefs(paymentsApi).slice(1)).toEqual([
      ['Catalog', '/catalog/shop/api/payments-api'],
      ['Runbooks', '/docs/shop/api/payments-api'],
      ['SLOs', '/catalog/shop/api/payments-api/slos'],
      [
        'Logs',
        expect.stringMatching(
          /^\/catalog\/shop\/api\/payments-api\/logs\?from=/,
        ),
      ],
    ]);
  });

  it('keeps the alert table readable: fixed columns, wrapping labels, sideways scrolling', async () => {
    renderPage(
      withDetails(
        makeDetails({
          alerts: [
            {
              fingerprint: 'a1b2c3d4e5f60718',
              alertName: 'CheckoutErrorBudgetBurn',
              status: 'resolved',
              startsAt: at(-5),
              endsAt: at(30),
              labels: {
                alertname: 'CheckoutErrorBudgetBurn',
                service: 'checkout',
                slo: 'checkout-availability long window burn rate',
              },
              annotations: {
                runbook_url: 'https://backstage.example/docs/runbook',
              },
              generatorURL:
                'http://prometheus.example:9090/graph?g0.expr=rate%28x%29',
            },
          ],
        }),
      ),
    );
    const table = await screen.findByRole('table', { name: 'Alerts' });
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map(h => h.textContent)).toEqual([
      'Status',
      'Name',
      'Since',
      'Ended',
      'Source',
      'Runbook',
      'Labels',
      'Fingerprint',
    ]);
    // Every column keeps a minimum width; only the labels wrap.
    for (const header of headers) {
      expect(parseInt(header.style.minWidth, 10)).toBeGreaterThanOrEqual(90);
      expect(header.style.whiteSpace).toBe(
        header.textContent === 'Labels' ? 'normal' : 'nowrap',
      );
    }
    // Too wide for the card: it scrolls sideways instead of squeezing.
    expect(parseInt(table.style.minWidth, 10)).toBeGreaterThanOrEqual(1000);
    expect(screen.getByTestId('alerts-scroll')).toHaveStyle({
      overflowX: 'auto',
    });

    const row = within(table).getAllByRole('row')[1];
    const cells = within(row).getAllByRole('cell');
    expect(cells[1]).toHaveTextContent('CheckoutErrorBudgetBurn');
    expect(cells[1]).toHaveStyle({ whiteSpace: 'nowrap' });
    expect(within(cells[1]).queryByRole('link')).not.toBeInTheDocument();
    // The source is "Prometheus", linking the alert's generator URL.
    expect(
      within(cells[4]).getByRole('link', { name: /^Prometheus/ }),
    ).toHaveAttribute(
      'href',
      'http://prometheus.example:9090/graph?g0.expr=rate%28x%29',
    );
    expect(
      within(cells[5]).getByRole('link', { name: /^Runbook/ }),
    ).toHaveAttribute('href', 'https://backstage.example/docs/runbook');
    expect(
      within(cells[6]).getByText(
        'slo=checkout-availability long window burn rate',
      ),
    ).toBeInTheDocument();
    expect(cells[7]).toHaveTextContent('a1b2c3d4e5f60718');
  });

  it('reloads live when the backend signals a change to this incident', async () => {
    const api = withDetails(makeDetails());
    const signals = fakeSignals();
    renderPage(api, signals);
    await screen.findByRole('button', { name: 'Change status' });
    expect(api.getIncident).toHaveBeenCalledTimes(1);

    api.getIncident.mockResolvedValue(
      makeDetails({}, { status: 'monitoring', version: 4 }),
    );
    // Other incidents and versions already shown are ignored.
    signals.send({ type: 'incident_updated', incidentId: 'inc-2', version: 9 });
    signals.send({ type: 'incident_updated', incidentId: 'inc-1', version: 3 });
    expect(api.getIncident).toHaveBeenCalledTimes(1);

    signals.send({ type: 'incident_updated', incidentId: 'inc-1', version: 4 });
    await waitFor(() =>
      expect(screen.getByTestId('incident-status')).toHaveTextContent(
        'Monitoring',
      ),
    );
    // Notes do not change the version but do change the timeline.
    signals.send({ type: 'timeline_appended', incidentId: 'inc-1' });
    await waitFor(() => expect(api.getIncident).toHaveBeenCalledTimes(3));
  });
});
