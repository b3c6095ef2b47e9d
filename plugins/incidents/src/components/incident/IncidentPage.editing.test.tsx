import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ALICE, BOB, makeDetails } from '../../__testUtils__/fixtures';
import { renderPage, withDetails } from './__testUtils__/incidentPage';

jest.setTimeout(60_000);

describe('IncidentPage', () => {
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
});
