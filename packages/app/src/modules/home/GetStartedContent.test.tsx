import { storageApiRef } from '@backstage/core-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import onboardingPlugin from '@vigil/backstage-plugin-onboarding/alpha';
import { GetStartedContent } from './GetStartedContent';

jest.setTimeout(60_000);

const CONFIG = {
  app: { baseUrl: 'http://localhost:3000' },
  backend: { baseUrl: 'http://localhost:7007' },
  vigil: { permission: { sreGroups: ['group:default/sre'] } },
};

describe('GetStartedContent', () => {
  it('links to adding a service, the sandbox and the FAQ', async () => {
    renderInTestApp(<GetStartedContent />);

    expect(await screen.findByTestId('get-started')).toBeInTheDocument();
    expect(screen.getByTestId('get-started-add-service')).toHaveAttribute(
      'href',
      '/create/templates/default/add-service',
    );
    expect(screen.getByTestId('get-started-sandbox')).toHaveAttribute(
      'href',
      '/sandbox',
    );
    expect(screen.getByTestId('get-started-faq')).toHaveAttribute(
      'href',
      '/docs/default/component/vigil/faq/',
    );
    // Without the onboarding plugin there is no tour to offer.
    expect(screen.queryByTestId('get-started-tour')).not.toBeInTheDocument();
  });

  it("resumes the user's role tour where it was skipped", async () => {
    const storage = mockApis.storage();
    await storage.forBucket('onboarding').set('tours', {
      tours: { sre: { status: 'skipped', step: 1 } },
    });
    renderInTestApp(<GetStartedContent />, {
      features: [onboardingPlugin],
      config: CONFIG,
      apis: [
        mockApis.identity({
          userEntityRef: 'user:default/alice',
          ownershipEntityRefs: ['user:default/alice', 'group:default/sre'],
        }),
        [storageApiRef, storage],
      ],
    });

    const card = await screen.findByTestId('get-started');
    await waitFor(() =>
      expect(card).toHaveTextContent('Skipped at step 2 of 6'),
    );
    expect(card).toHaveTextContent('Take the SRE tour');
    const start = within(card).getByTestId('get-started-tour');
    expect(start).toHaveTextContent('Resume your tour');
    await userEvent.click(start);

    // The tour runner (the plugin's app root element) shows step 2.
    const dialog = await screen.findByRole(
      'alertdialog',
      {},
      { timeout: 20_000 },
    );
    await waitFor(() => expect(dialog).toHaveTextContent('Error budget'));
  });
});
