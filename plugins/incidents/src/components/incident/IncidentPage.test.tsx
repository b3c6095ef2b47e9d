import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { incidentsApiRef, IncidentsConflictError } from '../../api';
import type { IncidentDetails, IncidentStatus } from '../../api';
import { ResponseError } from '@backstage/errors';
import { rootRouteRef } from '../../lib/routes';
import {
  ALERT_OPENED,
  ALICE,
  at,
  BOB,
  EVERY_EVENT,
  fakeCatalog,
  fakeIncidentsApi,
  FakeIncidentsApi,
  makeDetails,
  TEST_CONFIG,
} from '../../__testUtils__/fixtures';
import { IncidentPage } from './IncidentPage';

jest.setTimeout(60_000);

type JsonObject = { [key: string]: any };

/** A signals API whose messages the test sends. */
function fakeSignals() {
  const handlers: Array<(message: JsonObject) => void> = [];
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      expect(channel).toBe('vigil-incidents');
      handlers.push(onMessage as (message: JsonObject) => void);
      return { unsubscribe: () => {} };
    },
  };
  const send = (message: JsonObject) =>
    act(() => handlers.forEach(handler => handler(message)));
  return { api, send };
}

function renderPage(api: FakeIncidentsApi, signals = fakeSignals()) {
  return renderInTestApp(<IncidentPage />, {
    apis: [
      [incidentsApiRef, api],
      [signalApiRef, signals.api],
      mockApis.identity({ userEntityRef: 'user:default/guest' }),
      fakeCatalog().catalog,
    ],
    mountedRoutes: { '/incidents': rootRouteRef },
    mountPath: '/incidents/:incidentId',
    initialRouteEntries: ['/incidents/inc-1'],
  });
}

const withDetails = (details: IncidentDetails) =>
  fakeIncidentsApi({ getIncident: jest.fn(async () => details) });

async function openStatusMenu() {
  await userEvent.click(
    await screen.findByRole('button', { name: 'Change status' }),
  );
  return screen.getByRole('menu');
}

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
    ]);
    expect(hrefs(paymentsApi).slice(1)).toEqual([
      ['Catalog', '/catalog/shop/api/payments-api'],
      ['Runbooks', '/docs/shop/api/payments-api'],
      ['SLOs', '/catalog/shop/api/payments-api/slos'],
    ]);
  });

  it('hides every control from users who may not change the incident', async () => {
    const api = withDetails(
      makeDetails({ permissions: { update: false }, timeline: EVERY_EVENT }),
    );
    renderPage(api);
    await screen.findByRole('list', { name: 'Incident timeline' });
    for (const name of [
      'Change status',
      'Edit',
      'Add note',
      'Add link',
      'Assign me as Commander',
      'Change Scribe',
    ]) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    expect(screen.queryByLabelText('Severity')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Add a note')).not.toBeInTheDocument();
  });

  it('tells users who may not act why, and who can: the owners and the commander', async () => {
    const api = withDetails(
      makeDetails({
        permissions: { update: false },
        ownerRefs: ['group:default/payments'],
      }),
    );
    renderPage(api);
    const notice = await screen.findByTestId('incident-who-can-act');
    expect(notice).toHaveTextContent("You can't change this incident");
    expect(notice).toHaveTextContent(
      /owners of its affected entities \(.*\) and by its commander/,
    );
    const links = within(notice)
      .getAllByRole('link')
      .map(a => a.getAttribute('href'));
    expect(links).toEqual([
      '/catalog/default/group/payments',
      '/catalog/default/user/alice',
    ]);
    expect(notice).toHaveTextContent('Ask one of them');
    expect(
      screen.queryByRole('button', { name: 'Take command' }),
    ).not.toBeInTheDocument();
  });

  it('shows no such notice to users who may act', async () => {
    renderPage(withDetails(makeDetails()));
    await screen.findByRole('button', { name: 'Change status' });
    expect(
      screen.queryByTestId('incident-who-can-act'),
    ).not.toBeInTheDocument();
  });

  it('lets a member of an owning group take command of an incident without one', async () => {
    const api = withDetails(
      makeDetails(
        { permissions: { update: false, takeCommand: true } },
        {
          ...ALERT_OPENED,
          timestamps: { declaredAt: at(0), acknowledgedAt: at(1) },
        },
      ),
    );
    api.takeCommand.mockResolvedValue(
      makeDetails(
        { permissions: { update: true } },
        {
          roles: { commander: 'user:default/guest' },
          version: 4,
        },
      ),
    );
    renderPage(api);
    const notice = await screen.findByTestId('incident-who-can-act');
    expect(notice).toHaveTextContent('it has none yet');
    expect(notice).toHaveTextContent('you can take command');
    expect(screen.getByTestId('role-commander')).toHaveTextContent(
      'Unassigned',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Take command' }));
    await waitFor(() =>
      expect(api.takeCommand).toHaveBeenCalledWith('inc-1', 3),
    );
    await waitFor(() =>
      expect(screen.getByTestId('role-commander')).toHaveTextContent('guest'),
    );
    expect(
      screen.queryByRole('button', { name: 'Take command' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('incident-who-can-act'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Change status' }),
    ).toBeInTheDocument();
  });

  it('says why taking command was refused', async () => {
    const api = withDetails(
      makeDetails({ permissions: { takeCommand: true } }, { roles: {} }),
    );
    api.takeCommand.mockRejectedValue(
      new Error('only members of an owning group may take command'),
    );
    renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Take command' }),
    );
    expect(
      await screen.findByText(
        'only members of an owning group may take command',
      ),
    ).toBeInTheDocument();
  });

  it('shows an alert-opened incident as not acknowledged until someone acknowledges it', async () => {
    const api = withDetails(
      makeDetails({ permissions: { acknowledge: true } }, ALERT_OPENED),
    );
    api.acknowledgeIncident.mockResolvedValue(
      makeDetails(
        { permissions: { acknowledge: false } },
        {
          ...ALERT_OPENED,
          timestamps: {
            declaredAt: ALERT_OPENED.timestamps!.declaredAt,
            acknowledgedAt: at(3),
          },
          acknowledgedBy: ALICE,
          version: 4,
        },
      ),
    );
    renderPage(api);
    const banner = await screen.findByTestId('incident-unacknowledged');
    expect(banner).toHaveTextContent('Not acknowledged');
    expect(banner).toHaveTextContent('An alert opened this incident');
    expect(screen.getByTestId('incident-lifecycle')).toHaveTextContent(
      'AcknowledgedNot acknowledged',
    );

    await userEvent.click(
      within(banner).getByRole('button', { name: 'Acknowledge' }),
    );
    await waitFor(() =>
      expect(api.acknowledgeIncident).toHaveBeenCalledWith('inc-1', 3),
    );
    const acknowledged = await screen.findByTestId('incident-acknowledged');
    expect(acknowledged).toHaveTextContent(/^Acknowledged by alice/);
    expect(
      within(acknowledged).getByRole('link', { name: /alice/ }),
    ).toHaveAttribute('href', '/catalog/default/user/alice');
    expect(
      screen.queryByTestId('incident-unacknowledged'),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('incident-lifecycle')).toHaveTextContent(
      '(3m after declared)by alice',
    );
  });

  it('shows who acknowledged first when acknowledging hits a conflict', async () => {
    const api = withDetails(
      makeDetails({ permissions: { acknowledge: true } }, ALERT_OPENED),
    );
    api.acknowledgeIncident.mockRejectedValue(
      new IncidentsConflictError(
        'already acknowledged',
        makeDetails(
          {},
          {
            ...ALERT_OPENED,
            timestamps: { declaredAt: at(0), acknowledgedAt: at(1) },
            acknowledgedBy: BOB,
            version: 4,
          },
        ),
      ),
    );
    renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Acknowledge' }),
    );
    expect(
      await screen.findByTestId('incident-acknowledged'),
    ).toHaveTextContent(/^Acknowledged by bob/);
    expect(
      screen.getByText(
        'already acknowledged. The page now shows the current state.',
      ),
    ).toBeInTheDocument();
  });

  it('shows no acknowledge button to those who may not acknowledge', async () => {
    renderPage(
      withDetails(
        makeDetails({ permissions: { update: false } }, ALERT_OPENED),
      ),
    );
    const banner = await screen.findByTestId('incident-unacknowledged');
    expect(
      within(banner).queryByRole('button', { name: 'Acknowledge' }),
    ).not.toBeInTheDocument();
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

  it.each<[IncidentStatus, string[]]>([
    ['investigating', ['Identified', 'Monitoring', 'Resolved']],
    ['identified', ['Investigating', 'Monitoring', 'Resolved']],
    ['monitoring', ['Investigating', 'Identified', 'Resolved']],
    ['resolved', ['Investigating', 'Closed']],
  ])('offers only the allowed transitions from %s', async (status, targets) => {
    renderPage(withDetails(makeDetails({}, { status })));
    const menu = await openStatusMenu();
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map(
          item =>
            item.querySelector('[class*="MuiListItemText-primary"]')
              ?.textContent,
        ),
    ).toEqual(targets);
  });

  it('shows no controls on a closed incident', async () => {
    renderPage(withDetails(makeDetails({}, { status: 'closed' })));
    expect(
      await screen.findByText(/This incident is closed/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Change status' }),
    ).not.toBeInTheDocument();
  });

  it.each([
    ['without a published postmortem', undefined, false, true],
    ['with a draft postmortem', 'draft' as const, false, true],
    ['with a published postmortem', 'published' as const, false, false],
    ['when the config allows it', undefined, true, false],
  ])(
    'closing a resolved incident %s',
    async (_name, postmortemState, allowClose, disabled) => {
      const api = withDetails(
        makeDetails(
          postmortemState
            ? { postmortem: { id: 'pm-1', state: postmortemState, version: 2 } }
            : {},
          { status: 'resolved', postmortemState },
        ),
      );
      api.getConfig.mockResolvedValue({
        ...TEST_CONFIG,
        allowCloseWithoutPublishedPostmortem: allowClose,
      });
      renderPage(api);
      await waitFor(() => expect(api.getConfig).toHaveBeenCalled());
      const menu = await openStatusMenu();
      const close = within(menu).getByRole('menuitem', { name: /Closed/ });
      expect(close).toHaveAttribute('aria-disabled', String(disabled));
      expect(close.textContent?.includes('Publish the postmortem first')).toBe(
        disabled,
      );
    },
  );

  it('changes the status with the version shown', async () => {
    const api = withDetails(makeDetails());
    api.updateIncident.mockResolvedValue(
      makeDetails({}, { status: 'identified', version: 4 }),
    );
    renderPage(api);
    const menu = await openStatusMenu();
    await userEvent.click(
      within(menu).getByRole('menuitem', { name: /Identified/ }),
    );
    await waitFor(() =>
      expect(api.updateIncident).toHaveBeenCalledWith('inc-1', {
        status: 'identified',
        expectedVersion: 3,
      }),
    );
    expect(
      await screen.findByText('version 4', { exact: false }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('incident-status')).toHaveTextContent(
      'Identified',
    );
  });

  it('shows the current state on a conflict and reapplies the change on top of it', async () => {
    const theirs = makeDetails(
      {},
      { severity: 'SEV1', status: 'identified', version: 5 },
    );
    const api = withDetails(makeDetails());
    api.updateIncident
      .mockRejectedValueOnce(
        new IncidentsConflictError('version conflict', theirs),
      )
      .mockResolvedValueOnce(
        makeDetails({}, { severity: 'SEV1', status: 'monitoring', version: 6 }),
      );
    renderPage(api);
    const menu = await openStatusMenu();
    await userEvent.click(
      within(menu).getByRole('menuitem', { name: /Monitoring/ }),
    );

    const banner = await screen.findByTestId('incident-conflict');
    expect(banner).toHaveTextContent('Someone else changed this incident');
    expect(banner).toHaveTextContent('status → Monitoring');
    expect(banner).toHaveTextContent('version 5');
    expect(banner).toHaveTextContent('severity SEV1');
    // The page shows their state.
    expect(screen.getByTestId('incident-status')).toHaveTextContent(
      'Identified',
    );

    await userEvent.click(
      within(banner).getByRole('button', { name: 'Reapply my change' }),
    );
    await waitFor(() =>
      expect(api.updateIncident).toHaveBeenLastCalledWith('inc-1', {
        status: 'monitoring',
        expectedVersion: 5,
      }),
    );
    await waitFor(() =>
      expect(screen.queryByTestId('incident-conflict')).not.toBeInTheDocument(),
    );
    expect(screen.getByTestId('incident-status')).toHaveTextContent(
      'Monitoring',
    );
  });

  it("shows the backend's reason when a change is refused", async () => {
    const api = withDetails(makeDetails({}, { status: 'resolved' }));
    api.getConfig.mockResolvedValue({
      ...TEST_CONFIG,
      allowCloseWithoutPublishedPostmortem: true,
    });
    api.updateIncident.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'InputError',
              message:
                'an incident can be closed only once its postmortem is published',
            },
            response: { statusCode: 400 },
          }),
          { status: 400, headers: { 'Content-Type': 'application/json' } },
        ),
      ),
    );
    renderPage(api);
    await waitFor(() => expect(api.getConfig).toHaveBeenCalled());
    const menu = await openStatusMenu();
    await userEvent.click(
      within(menu).getByRole('menuitem', { name: /Closed/ }),
    );
    expect(
      await screen.findByText(
        'an incident can be closed only once its postmortem is published',
      ),
    ).toBeInTheDocument();
  });

  it('changes the severity', async () => {
    const api = withDetails(makeDetails());
    renderPage(api);
    await userEvent.click(await screen.findByLabelText('Severity'));
    await userEvent.click(
      screen.getByRole('option', { name: /SEV1 · Meltdown/ }),
    );
    await waitFor(() =>
      expect(api.updateIncident).toHaveBeenCalledWith('inc-1', {
        severity: 'SEV1',
        expectedVersion: 3,
      }),
    );
  });

  it('assigns roles: "assign me", a user picked from the catalog, a typed ref, and unassigning', async () => {
    const api = withDetails(makeDetails());
    renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Assign me as Scribe' }),
    );
    await waitFor(() =>
      expect(api.updateIncident).toHaveBeenLastCalledWith('inc-1', {
        roles: { scribe: 'user:default/guest' },
        expectedVersion: 3,
      }),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Change Communications lead' }),
    );
    const field = screen.getByLabelText(/^Communications lead/);
    await userEvent.type(field, 'bob');
    await userEvent.click(
      await screen.findByRole('option', { name: /Bob Jones/ }),
    );
    expect(field).toHaveValue(BOB);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateIncident).toHaveBeenLastCalledWith('inc-1', {
        roles: { communications: BOB },
        expectedVersion: 3,
      }),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Change Communications lead' }),
    );
    const again = screen.getByLabelText(/^Communications lead/);
    await userEvent.clear(again);
    await userEvent.type(again, 'alice');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(/must be a full entity ref/),
    ).toBeInTheDocument();
    await userEvent.clear(again);
    await userEvent.type(again, ALICE);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateIncident).toHaveBeenLastCalledWith('inc-1', {
        roles: { communications: ALICE },
        expectedVersion: 3,
      }),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Unassign Commander' }),
    );
    await waitFor(() =>
      expect(api.updateIncident).toHaveBeenLastCalledWith('inc-1', {
        roles: { commander: null },
        expectedVersion: 3,
      }),
    );
  });

  it('edits title, summary and entities based on the version when opened', async () => {
    const api = withDetails(makeDetails());
    renderPage(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/^Title/), {
      target: { value: 'Checkout 500s' },
    });
    expect(
      within(dialog)
        .getAllByTestId('entity-ref-chip')
        .map(chip => chip.getAttribute('data-entity-ref')),
    ).toEqual(['component:default/checkout']);
    await userEvent.type(
      within(dialog).getByLabelText(/^Affected entities/),
      'shop',
    );
    await userEvent.click(
      await screen.findByRole('option', { name: /Web shop/ }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateIncident).toHaveBeenCalledWith('inc-1', {
        title: 'Checkout 500s',
        entityRefs: ['component:default/checkout', 'system:default/shop'],
        expectedVersion: 3,
      }),
    );
  });

  it('adds notes and links', async () => {
    const api = withDetails(makeDetails());
    renderPage(api);
    fireEvent.change(await screen.findByLabelText('Add a note'), {
      target: { value: 'Restarted the pods' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() =>
      expect(api.addNote).toHaveBeenCalledWith('inc-1', 'Restarted the pods'),
    );
    await waitFor(() =>
      expect(screen.getByLabelText('Add a note')).toHaveValue(''),
    );

    fireEvent.change(screen.getByLabelText('Link URL'), {
      target: { value: 'ftp://files.example/dump' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Add link' }));
    expect(
      await screen.findByText('must be an http(s) URL'),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Link URL'), {
      target: { value: 'https://chat.example/incident-1' },
    });
    fireEvent.change(screen.getByLabelText('Link title'), {
      target: { value: 'War room' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Add link' }));
    await waitFor(() =>
      expect(api.addLink).toHaveBeenCalledWith('inc-1', {
        url: 'https://chat.example/incident-1',
        title: 'War room',
      }),
    );
  });

  it.each([
    [
      'investigating',
      undefined,
      'A postmortem can be written once the incident is resolved.',
    ],
    ['resolved', undefined, 'Create postmortem'],
    ['resolved', 'in_review' as const, 'Open postmortem (in review)'],
  ])(
    'postmortem panel of a %s incident (postmortem %s)',
    async (status, state, text) => {
      const api = withDetails(
        makeDetails(
          state ? { postmortem: { id: 'pm-1', state, version: 1 } } : {},
          { status: status as IncidentStatus },
        ),
      );
      renderPage(api);
      expect(await screen.findByText(text)).toBeInTheDocument();
    },
  );

  it('creates the postmortem', async () => {
    const api = withDetails(makeDetails({}, { status: 'resolved' }));
    renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create postmortem' }),
    );
    await waitFor(() =>
      expect(api.createPostmortem).toHaveBeenCalledWith('inc-1'),
    );
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
