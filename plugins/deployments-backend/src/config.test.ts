import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { readDeploymentsConfig } from './config';

const withAccess = (externalAccess: JsonObject[], vigil?: JsonObject) =>
  new ConfigReader({
    backend: { auth: { externalAccess } },
    ...(vigil && { vigil }),
  });

const deployToken = {
  type: 'static',
  options: { token: 'a-long-token', subject: 'vigil-deploy' },
  accessRestrictions: [{ plugin: 'deployments' }],
};

describe('readDeploymentsConfig', () => {
  it.each([
    ['no external access', [], false],
    ['the deploy token, restricted to this plugin', [deployToken], true],
    [
      'the deploy token, unrestricted',
      [{ type: deployToken.type, options: deployToken.options }],
      true,
    ],
    [
      'the deploy token, restricted to another plugin',
      [{ ...deployToken, accessRestrictions: [{ plugin: 'catalog' }] }],
      false,
    ],
    [
      'a static token of another subject',
      [{ ...deployToken, options: { token: 'x-long-token', subject: 'ci' } }],
      false,
    ],
    [
      'a legacy token',
      [{ type: 'legacy', options: { secret: 's', subject: 'vigil-deploy' } }],
      false,
    ],
  ])('finds the deploy token: %s', (_name, entries, configured) => {
    expect(readDeploymentsConfig(withAccess(entries))).toEqual({
      deployTokenSubject: 'vigil-deploy',
      deployTokenConfigured: configured,
    });
  });

  it('looks for the configured subject', () => {
    expect(
      readDeploymentsConfig(
        withAccess(
          [
            {
              ...deployToken,
              options: { token: 'x-long-token', subject: 'ci' },
            },
          ],
          { deployments: { deployTokenSubject: 'ci' } },
        ),
      ),
    ).toEqual({ deployTokenSubject: 'ci', deployTokenConfigured: true });
  });
});
