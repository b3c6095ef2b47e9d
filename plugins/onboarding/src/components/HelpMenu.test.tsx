import { renderInTestApp, mockApis } from '@backstage/frontend-test-utils';
import { SidebarPinStateProvider } from '@backstage/core-components';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TOUR_ROLES } from '@vigil/backstage-plugin-onboarding-common';
import { renderPortal } from '../__testUtils__/tourTestApp';
import { HelpMenu } from './HelpMenu';

jest.setTimeout(60_000);

const LINKS: Array<[string, string, string]> = [
  ['faq', 'FAQ', '/docs/default/component/vigil/faq/'],
  ['glossary', 'Glossary', '/docs/default/component/vigil/glossary/'],
  ['help', "Vigil's help pages", '/docs/default/component/vigil/help/'],
  ['support', 'My support tickets', '/support'],
  ['sandbox', 'Sandbox', '/sandbox'],
];

describe('HelpMenu', () => {
  it('lists every tour with its progress, then the help links', async () => {
    const storage = mockApis.storage();
    await storage.forBucket('onboarding').set('tours', {
      tours: {
        engineer: { status: 'completed' },
        'incident-commander': { status: 'skipped', step: 3 },
      },
    });
    renderPortal({ storage, user: 'user:default/carol' });

    await userEvent.click(
      within(screen.getByTestId('help-menu')).getByRole('button', {
        name: 'Help',
      }),
    );
    const menu = await screen.findByRole('menu', { name: 'Help' });
    for (const role of TOUR_ROLES) {
      expect(
        within(menu).getByTestId(`help-menu-tour-${role}`),
      ).toBeInTheDocument();
    }
    await waitFor(() =>
      expect(
        within(menu).getByTestId('help-menu-tour-engineer'),
      ).toHaveTextContent('Restart the Engineer tour (your role)Completed'),
    );
    expect(
      within(menu).getByTestId('help-menu-tour-incident-commander'),
    ).toHaveTextContent(
      'Resume the Incident commander tourSkipped at step 4 of 6',
    );
    expect(within(menu).getByTestId('help-menu-tour-sre')).toHaveTextContent(
      'Start the SRE tourNot started (6 steps)',
    );
    for (const [id, title, href] of LINKS) {
      const link = within(menu).getByTestId(`help-menu-${id}`);
      expect(link).toHaveTextContent(title);
      expect(link).toHaveAttribute('href', href);
    }
  });

  it('shows only the links without the onboarding plugin', async () => {
    renderInTestApp(
      <SidebarPinStateProvider
        value={{
          isPinned: true,
          isMobile: false,
          toggleSidebarPinState: () => {},
        }}
      >
        <HelpMenu />
      </SidebarPinStateProvider>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Help' }));
    const menu = await screen.findByRole('menu', { name: 'Help' });
    expect(within(menu).queryByTestId('help-menu-tour-sre')).toBeNull();
    expect(within(menu).getByTestId('help-menu-support')).toHaveAttribute(
      'href',
      '/support',
    );
  });
});
