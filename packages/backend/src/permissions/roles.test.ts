import { ConfigReader } from '@backstage/config';
import { DEFAULT_ROLE_CONFIG, readRoleConfig, rolesOf } from './roles';

const user = (name: string, ...groups: string[]) => ({
  userEntityRef: `user:default/${name}`,
  ownershipEntityRefs: [
    `user:default/${name}`,
    ...groups.map(g => `group:default/${g}`),
  ],
});

describe('rolesOf', () => {
  it.each([
    ['guest (read-only, no group)', user('guest'), { readOnly: true }],
    ['guest in sre stays read-only', user('guest', 'sre'), { readOnly: true }],
    ['plain user', user('zoe'), {}],
    ['owning-group member', user('carol', 'payments'), {}],
    ['SRE', user('alice', 'sre'), { sre: true }],
    ['product owner', user('erin', 'product-owners'), { productOwner: true }],
    ['admin', user('pat', 'portal-admins'), { admin: true }],
    ['case-insensitive refs', user('Pat', 'Portal-Admins'), { admin: true }],
  ])('%s', (_name, info, expected) => {
    expect(rolesOf(info, DEFAULT_ROLE_CONFIG)).toEqual({
      readOnly: false,
      admin: false,
      sre: false,
      productOwner: false,
      ...expected,
    });
  });
});

describe('readRoleConfig', () => {
  it('defaults every key', () => {
    expect(readRoleConfig(new ConfigReader({}))).toEqual(DEFAULT_ROLE_CONFIG);
  });

  it('reads vigil.permission', () => {
    const config = readRoleConfig(
      new ConfigReader({
        vigil: { permission: { sreGroups: ['group:default/Ops'] } },
      }),
    );
    expect(config.sreGroups).toEqual(['group:default/ops']);
    expect(config.adminGroups).toEqual(DEFAULT_ROLE_CONFIG.adminGroups);
    expect(rolesOf(user('olly', 'ops'), config).sre).toBe(true);
  });
});
