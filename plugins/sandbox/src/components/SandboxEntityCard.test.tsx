import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { isSandboxEntity } from '@vigil/backstage-plugin-sandbox-common';
import { SandboxEntityCard } from './SandboxEntityCard';

const checkout = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'sandbox',
    title: 'Checkout (sandbox, synthetic)',
  },
};

describe('SandboxEntityCard', () => {
  it('marks a sandbox entity as synthetic, linking to the sandbox page', async () => {
    await renderInTestApp(
      <EntityProvider entity={checkout}>
        <SandboxEntityCard />
      </EntityProvider>,
    );
    const banner = await screen.findByTestId('sandbox-banner');
    expect(banner).toHaveTextContent(
      'Sandbox: Checkout (sandbox, synthetic) is synthetic',
    );
    expect(screen.getByRole('link', { name: 'Sandbox page' })).toHaveAttribute(
      'href',
      '/sandbox',
    );
  });

  it('is shown on sandbox entities only', () => {
    expect(isSandboxEntity(checkout)).toBe(true);
    expect(
      isSandboxEntity({ metadata: { name: 'checkout', namespace: 'default' } }),
    ).toBe(false);
  });
});
