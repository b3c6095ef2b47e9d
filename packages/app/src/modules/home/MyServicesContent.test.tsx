import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { MyServicesContent } from './MyServicesContent';

jest.setTimeout(30_000);

const component = (
  name: string,
  owner: string,
  extra: { title?: string; description?: string; lifecycle?: string } = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    ...(extra.title && { title: extra.title }),
    ...(extra.description && { description: extra.description }),
  },
  spec: { type: 'service', lifecycle: extra.lifecycle ?? 'production', owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

const ENTITIES: Entity[] = [
  component('scoring-api', 'group:default/payments', {
    title: 'Scoring API',
    description: 'Scores card payments for fraud risk',
  }),
  component('checkout', 'group:default/payments', {
    description: 'Takes payments',
    lifecycle: 'experimental',
  }),
  component('alice-tool', 'user:default/alice'),
  component('search', 'group:default/discovery'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'scoring-api', namespace: 'default' },
    spec: { type: 'openapi', owner: 'group:default/payments' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  },
];

function render(options: {
  ownershipEntityRefs: string[];
  catalog?: ReturnType<typeof catalogApiMock>;
}) {
  const catalog = options.catalog ?? catalogApiMock({ entities: ENTITIES });
  const getEntities = jest.spyOn(catalog, 'getEntities');
  renderInTestApp(<MyServicesContent />, {
    apis: [
      catalog,
      mockApis.identity({
        userEntityRef: options.ownershipEntityRefs[0],
        ownershipEntityRefs: options.ownershipEntityRefs,
      }),
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
  return { getEntities };
}

describe('MyServicesContent', () => {
  it('lists the Components of the user and their groups, with description and lifecycle', async () => {
    const { getEntities } = render({
      ownershipEntityRefs: ['user:default/alice', 'group:default/payments'],
    });

    const rows = await screen.findAllByTestId('my-service');
    expect(getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: {
          kind: 'Component',
          'relations.ownedBy': ['user:default/alice', 'group:default/payments'],
        },
      }),
    );
    expect(rows.map(row => within(row).getByRole('link').textContent)).toEqual([
      'alice-tool',
      'checkout',
      'Scoring API',
    ]);
    expect(within(rows[2]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/scoring-api',
    );
    expect(rows[2]).toHaveTextContent('Scores card payments for fraud risk');
    expect(within(rows[2]).getByTestId('lifecycle')).toHaveTextContent(
      'production',
    );
    expect(within(rows[1]).getByTestId('lifecycle')).toHaveTextContent(
      'experimental',
    );
    expect(
      screen.queryByText(/You own no services yet/),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Your services in the catalog' }),
    ).toHaveAttribute(
      'href',
      '/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=owned',
    );
  });

  it('shows every Component, saying so, to a user who owns none', async () => {
    const { getEntities } = render({
      ownershipEntityRefs: ['user:development/guest'],
    });

    expect(
      await screen.findByText('You own no services yet; here are all of them.'),
    ).toBeInTheDocument();
    const rows = screen.getAllByTestId('my-service');
    expect(rows.map(row => within(row).getByRole('link').textContent)).toEqual([
      'alice-tool',
      'checkout',
      'Scoring API',
      'search',
    ]);
    expect(getEntities).toHaveBeenLastCalledWith(
      expect.objectContaining({ filter: { kind: 'Component' } }),
    );
    expect(
      screen.getByRole('link', { name: 'All services in the catalog' }),
    ).toHaveAttribute(
      'href',
      '/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=all',
    );
  });

  it('counts the services it does not show', async () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      component(`service-${String(i).padStart(2, '0')}`, 'group:default/sre'),
    );
    render({
      ownershipEntityRefs: ['group:default/sre'],
      catalog: catalogApiMock({ entities: many }),
    });

    expect(await screen.findAllByTestId('my-service')).toHaveLength(10);
    expect(screen.getByText(/Showing 10 of 12/)).toBeInTheDocument();
  });

  it('says so when the catalog has no Components', async () => {
    render({
      ownershipEntityRefs: ['user:development/guest'],
      catalog: catalogApiMock({ entities: [] }),
    });

    expect(
      await screen.findByText(/The catalog has no services yet/),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('my-service')).not.toBeInTheDocument();
  });

  it('shows the error when the catalog fails', async () => {
    const catalog = catalogApiMock.mock({
      getEntities: jest.fn(async () => {
        throw new Error('catalog unavailable');
      }),
    });
    renderInTestApp(<MyServicesContent />, {
      apis: [
        catalog,
        mockApis.identity({ ownershipEntityRefs: ['user:default/alice'] }),
      ],
    });

    expect(
      (await screen.findAllByText(/catalog unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByTestId('my-service')).not.toBeInTheDocument();
  });
});
