import { mockApis } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { tourOf } from '@vigil/backstage-plugin-onboarding-common';
import { renderPortal } from '../__testUtils__/tourTestApp';

jest.setTimeout(60_000);

const sre = tourOf('sre');
const stored = (storage: ReturnType<typeof mockApis.storage>) =>
  storage.forBucket('onboarding').snapshot('tours').value as any;

/** The tour's tooltip (joyride's dialog), once shown. */
const tooltip = () => screen.findByRole('alertdialog', {}, { timeout: 15_000 });
const button = async (action: string) =>
  (await tooltip()).querySelector(`[data-action="${action}"]`) as HTMLElement;

describe('TourRunner', () => {
  it('starts the role tour on first sign-in, at its first page', async () => {
    const storage = mockApis.storage();
    renderPortal({ storage, groups: ['group:default/sre'] });

    const dialog = await tooltip();
    expect(dialog).toHaveTextContent(sre.steps[0].title);
    expect(dialog).toHaveTextContent(sre.steps[0].body);
    expect(screen.getByTestId('location')).toHaveTextContent(
      sre.steps[0].route,
    );
    expect(stored(storage)).toEqual({
      tours: { sre: { status: 'in-progress', step: 0 } },
      active: 'sre',
    });
  });

  it('follows the tour across pages with the primary button and completes it', async () => {
    const storage = mockApis.storage();
    const user = userEvent.setup();
    renderPortal({ storage, groups: ['group:default/sre'] });

    for (const [index, step] of sre.steps.entries()) {
      const dialog = await waitFor(
        async () => {
          const d = await tooltip();
          expect(d).toHaveTextContent(step.title);
          return d;
        },
        { timeout: 15_000 },
      );
      expect(screen.getByTestId('location')).toHaveTextContent(step.route);
      expect(dialog).toHaveTextContent(
        index === sre.steps.length - 1 ? 'Done' : 'Next',
      );
      await user.click(await button('primary'));
    }
    await waitFor(() =>
      expect(stored(storage)).toEqual({
        tours: { sre: { status: 'completed' } },
      }),
    );
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('does not start again after completion', async () => {
    const storage = mockApis.storage();
    await storage
      .forBucket('onboarding')
      .set('tours', { tours: { sre: { status: 'completed' } } });
    renderPortal({ storage, groups: ['group:default/sre'] });

    // The help menu knows the progress once loaded; no tour is shown.
    await userEvent.click(screen.getByRole('button', { name: 'Help' }));
    expect(await screen.findByTestId('help-menu-tour-sre')).toHaveTextContent(
      'Completed',
    );
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/catalog');
  });

  it('remembers a skip and does not start again', async () => {
    const storage = mockApis.storage();
    const user = userEvent.setup();
    const first = renderPortal({ storage, groups: ['group:default/sre'] });

    await waitFor(async () =>
      expect(await tooltip()).toHaveTextContent(sre.steps[0].title),
    );
    await user.click(await button('primary'));
    await waitFor(async () =>
      expect(await tooltip()).toHaveTextContent(sre.steps[1].title),
    );
    await user.click(await button('skip'));
    await waitFor(() =>
      expect(stored(storage)).toEqual({
        tours: { sre: { status: 'skipped', step: 1 } },
      }),
    );
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    first.unmount();

    // The next visit: no tour; the help menu offers to resume at step 2.
    renderPortal({ storage, groups: ['group:default/sre'] });
    await user.click(screen.getByRole('button', { name: 'Help' }));
    const item = await screen.findByTestId('help-menu-tour-sre');
    await waitFor(() =>
      expect(item).toHaveTextContent('Skipped at step 2 of 6'),
    );
    expect(item).toHaveTextContent('Resume the SRE tour (your role)');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('resumes from the help menu at the stored step', async () => {
    const storage = mockApis.storage();
    await storage
      .forBucket('onboarding')
      .set('tours', { tours: { sre: { status: 'skipped', step: 2 } } });
    const user = userEvent.setup();
    renderPortal({ storage, groups: ['group:default/sre'] });

    await user.click(screen.getByRole('button', { name: 'Help' }));
    const item = await screen.findByTestId('help-menu-tour-sre');
    await waitFor(() =>
      expect(item).toHaveTextContent('Skipped at step 3 of 6'),
    );
    await user.click(item);

    const dialog = await tooltip();
    await waitFor(() => expect(dialog).toHaveTextContent(sre.steps[2].title));
    expect(screen.getByTestId('location')).toHaveTextContent(
      sre.steps[2].route,
    );
    await waitFor(() =>
      expect(stored(storage)).toEqual({
        tours: { sre: { status: 'in-progress', step: 2 } },
        active: 'sre',
      }),
    );
    // Back goes to the previous step.
    await user.click(await button('back'));
    await waitFor(async () =>
      expect(await tooltip()).toHaveTextContent(sre.steps[1].title),
    );
  });

  it('starts the tour named by ?tour=<role>, whatever was stored, and drops the parameter', async () => {
    const storage = mockApis.storage();
    await storage
      .forBucket('onboarding')
      .set('tours', { tours: { admin: { status: 'completed' } } });
    renderPortal({
      storage,
      groups: ['group:default/sre'],
      at: '/catalog?tour=admin&x=1',
    });

    const admin = tourOf('admin');
    await waitFor(async () =>
      expect(await tooltip()).toHaveTextContent(admin.steps[0].title),
    );
    expect(screen.getByTestId('location')).toHaveTextContent(
      admin.steps[0].route,
    );
    expect(screen.getByTestId('location')).not.toHaveTextContent('tour=');
    await waitFor(() =>
      expect(stored(storage).tours.admin).toEqual({
        status: 'in-progress',
        step: 0,
      }),
    );
  });

  it('shows a step whose target is missing in the middle of the page', async () => {
    const storage = mockApis.storage();
    const user = userEvent.setup();
    renderPortal({
      storage,
      groups: ['group:default/portal-admins'],
      omit: ['support-admin'],
    });
    const admin = tourOf('admin');
    const dialog = await waitFor(
      async () => {
        const d = await tooltip();
        expect(d).toHaveTextContent(admin.steps[0].title);
        return d;
      },
      { timeout: 20_000 },
    );
    expect(within(dialog).getByRole('button', { name: /Next/ })).toBeVisible();
    await user.click(await button('primary'));
    await waitFor(async () =>
      expect(await tooltip()).toHaveTextContent(admin.steps[1].title),
    );
  });

  it('gives the guest the engineer tour and keeps its progress in the browser', async () => {
    window.localStorage.clear();
    const storage = mockApis.storage();
    renderPortal({ storage, user: 'user:default/guest', at: '/slos' });

    const engineer = tourOf('engineer');
    await waitFor(async () =>
      expect(await tooltip()).toHaveTextContent(engineer.steps[0].title),
    );
    expect(stored(storage)).toBeUndefined();
    expect(
      JSON.parse(
        window.localStorage.getItem(
          'vigil.onboarding.tours:user:default/guest',
        )!,
      ),
    ).toEqual({
      tours: { engineer: { status: 'in-progress', step: 0 } },
      active: 'engineer',
    });
  });

  it('goes on quietly when the storage refuses to save', async () => {
    const storage = mockApis.storage();
    const bucket = storage.forBucket('onboarding');
    jest.spyOn(bucket, 'set').mockRejectedValue(new Error('403 read-only'));
    const user = userEvent.setup();
    renderPortal({ storage, groups: ['group:default/product-owners'] });

    const po = tourOf('product-owner');
    await waitFor(async () =>
      expect(await tooltip()).toHaveTextContent(po.steps[0].title),
    );
    await user.click(await button('primary'));
    await waitFor(async () =>
      expect(await tooltip()).toHaveTextContent(po.steps[1].title),
    );
    expect(bucket.set).toHaveBeenCalled();
  });

  it('does not start on first visit in a browser that opted out, but ?tour= still does', async () => {
    window.localStorage.setItem('vigil.onboarding.autoStart', 'false');
    try {
      const storage = mockApis.storage();
      const user = userEvent.setup();
      const first = renderPortal({ storage, groups: ['group:default/sre'] });
      await user.click(screen.getByRole('button', { name: 'Help' }));
      await waitFor(async () =>
        expect(
          await screen.findByTestId('help-menu-tour-sre'),
        ).toHaveTextContent('Not started'),
      );
      expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
      expect(stored(storage)).toBeUndefined();
      first.unmount();

      renderPortal({
        storage,
        groups: ['group:default/sre'],
        at: '/?tour=sre',
      });
      await waitFor(async () =>
        expect(await tooltip()).toHaveTextContent(sre.steps[0].title),
      );
    } finally {
      window.localStorage.removeItem('vigil.onboarding.autoStart');
    }
  });
});
