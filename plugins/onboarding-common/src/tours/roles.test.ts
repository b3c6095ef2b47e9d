import { DEFAULT_TOUR_ROLE_GROUPS, isTourRole, tourRoleFor } from './roles';

describe('tourRoleFor', () => {
  it.each<[string, string[], string]>([
    ['an SRE', ['user:default/alice', 'group:default/sre'], 'sre'],
    [
      'a portal admin',
      ['user:default/pat', 'group:default/portal-admins'],
      'admin',
    ],
    [
      'a product owner',
      ['user:default/erin', 'group:default/product-owners'],
      'product-owner',
    ],
    [
      'an engineer of a team',
      ['user:default/carol', 'group:default/payments'],
      'engineer',
    ],
    ['the guest', ['user:default/guest'], 'engineer'],
    ['nobody', [], 'engineer'],
    [
      'an admin who is also an SRE',
      ['group:default/sre', 'group:default/portal-admins'],
      'admin',
    ],
    [
      'an SRE who is also a product owner',
      ['group:default/product-owners', 'group:default/sre'],
      'sre',
    ],
    ['refs differing in case', ['Group:Default/SRE'], 'sre'],
  ])('%s', (_name, refs, role) => {
    expect(tourRoleFor(refs, DEFAULT_TOUR_ROLE_GROUPS)).toBe(role);
  });

  it('reads the groups from configuration', () => {
    const groups = {
      adminGroups: [],
      sreGroups: ['group:default/ops'],
      productOwnerGroups: [],
    };
    expect(tourRoleFor(['group:default/ops'], groups)).toBe('sre');
    expect(tourRoleFor(['group:default/sre'], groups)).toBe('engineer');
  });
});

describe('isTourRole', () => {
  it.each<[unknown, boolean]>([
    ['sre', true],
    ['incident-commander', true],
    ['SRE', false],
    ['', false],
    [undefined, false],
  ])('%j', (value, expected) => {
    expect(isTourRole(value)).toBe(expected);
  });
});
