import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ALICE,
  fakeIncidentsApi,
  makeDetails,
} from '../__testUtils__/fixtures';
import { chipRefs, renderPage } from './__testUtils__/incidentsPage';

// Rendering material-table and dialogs is slow on small CI machines.
jest.setTimeout(60_000);

describe('IncidentsPage', () => {
  it('declares an incident and opens it', async () => {
    const api = fakeIncidentsApi({
      declareIncident: jest.fn(async () =>
        makeDetails({}, { id: 'inc-9', title: 'Payments down' }),
      ),
      getIncident: jest.fn(async () =>
        makeDetails({}, { id: 'inc-9', title: 'Payments down' }),
      ),
    });
    renderPage(api);
    await screen.findByRole('link', { name: 'Checkout errors' });

    await userEvent.click(
      screen.getByRole('button', { name: 'Declare incident' }),
    );
    const dialog = await screen.findByRole('dialog');
    // No default commander: only owners and SRE may name one.
    expect(within(dialog).getByLabelText('Commander')).toHaveValue('');
    fireEvent.change(within(dialog).getByLabelText(/^Title/), {
      target: { value: 'Payments down' },
    });
    fireEvent.change(within(dialog).getByLabelText(/^Summary/), {
      target: { value: 'Card payments fail' },
    });
    await userEvent.click(within(dialog).getByLabelText('Severity'));
    // The configured name of SEV1.
    await userEvent.click(
      screen.getByRole('option', { name: /SEV1 · Meltdown/ }),
    );
    // One entity picked from the catalog, one it does not know typed in full.
    const entities = within(dialog).getByLabelText(/^Affected entities/);
    await userEvent.type(entities, 'shop');
    await userEvent.click(
      await screen.findByRole('option', { name: /Web shop/ }),
    );
    await userEvent.type(entities, 'component:default/payments{Enter}');
    expect(chipRefs(dialog)).toEqual([
      'system:default/shop',
      'component:default/payments',
    ]);
    const commander = within(dialog).getByLabelText('Commander');
    await userEvent.clear(commander);
    await userEvent.type(commander, 'alice');
    await userEvent.click(
      await screen.findByRole('option', { name: /Alice Smith/ }),
    );
    expect(commander).toHaveValue(ALICE);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );

    await waitFor(() =>
      expect(api.declareIncident).toHaveBeenCalledWith({
        title: 'Payments down',
        summary: 'Card payments fail',
        severity: 'SEV1',
        entityRefs: ['system:default/shop', 'component:default/payments'],
        commander: ALICE,
        detectedAt: expect.any(String),
      }),
    );
    // Now on the new incident's page.
    await waitFor(() => expect(api.getIncident).toHaveBeenCalledWith('inc-9'));
    expect(
      (await screen.findAllByText('Payments down')).length,
    ).toBeGreaterThan(0);
  });

  it('asks when the problem was detected: now by default, never in the future', async () => {
    const api = fakeIncidentsApi();
    renderPage(api);
    await screen.findByRole('link', { name: 'Checkout errors' });
    const opened = Date.now();
    await userEvent.click(
      screen.getByRole('button', { name: 'Declare incident' }),
    );
    const dialog = await screen.findByRole('dialog');
    const detectedAt = within(dialog).getByLabelText(/^Detected at/);
    // Local time to the second, as the datetime-local field takes it.
    const shown = new Date((detectedAt as HTMLInputElement).value).getTime();
    expect(Math.abs(shown - opened)).toBeLessThan(60_000);

    fireEvent.change(within(dialog).getByLabelText(/^Title/), {
      target: { value: 'Payments down' },
    });
    await userEvent.type(
      within(dialog).getByLabelText(/^Affected entities/),
      'component:default/checkout{Enter}',
    );
    fireEvent.change(detectedAt, { target: { value: '2999-01-01T10:00:00' } });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    expect(
      await within(dialog).findByText('Must not be in the future'),
    ).toBeInTheDocument();
    expect(detectedAt).toHaveAttribute('aria-invalid', 'true');
    expect(api.declareIncident).not.toHaveBeenCalled();

    fireEvent.change(detectedAt, { target: { value: '' } });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    expect(
      await within(dialog).findByText('Enter when the problem was detected'),
    ).toBeInTheDocument();
    expect(api.declareIncident).not.toHaveBeenCalled();

    fireEvent.change(detectedAt, { target: { value: '2024-05-01T11:50:30' } });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    await waitFor(() =>
      expect(api.declareIncident).toHaveBeenCalledWith(
        expect.objectContaining({
          title: 'Payments down',
          // The local time entered, in UTC.
          detectedAt: new Date('2024-05-01T11:50:30').toISOString(),
        }),
      ),
    );
  });

  it('validates the declaration with the shared schema before sending it', async () => {
    const api = fakeIncidentsApi();
    renderPage(api);
    await screen.findByRole('link', { name: 'Checkout errors' });
    await userEvent.click(
      screen.getByRole('button', { name: 'Declare incident' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    expect(
      await within(dialog).findByText('must not be empty'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('at least one affected entity ref is required'),
    ).toBeInTheDocument();

    // A name typed instead of picked is kept, and explained.
    await userEvent.type(
      within(dialog).getByLabelText(/^Affected entities/),
      'checkout{Enter}',
    );
    const commander = within(dialog).getByLabelText('Commander');
    await userEvent.clear(commander);
    await userEvent.type(commander, 'alice');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    expect(
      await within(dialog).findByText(/"checkout": must be a full entity ref/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/^must be a full entity ref/),
    ).toBeInTheDocument();
    expect(api.declareIncident).not.toHaveBeenCalled();
  });

  it('shows the backend message when declaring fails', async () => {
    const api = fakeIncidentsApi({
      declareIncident: jest.fn(async () => {
        throw new Error('Not allowed (incident.create)');
      }),
    });
    renderPage(api);
    await screen.findByRole('link', { name: 'Checkout errors' });
    await userEvent.click(
      screen.getByRole('button', { name: 'Declare incident' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/^Title/), {
      target: { value: 'Down' },
    });
    await userEvent.type(
      within(dialog).getByLabelText(/^Affected entities/),
      'component:default/checkout{Enter}',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    expect(
      await within(dialog).findByText('Not allowed (incident.create)'),
    ).toBeInTheDocument();
  });
});
