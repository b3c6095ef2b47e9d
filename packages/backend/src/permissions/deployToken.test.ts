import { authServiceFactory } from '@backstage/backend-defaults/auth';
import {
  mockServices,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';

/*
 * The deploy CLI's token as Backstage's own auth service reads it
 * (plugins/deployments-backend/README.md, "The deploy token"): a static
 * external access token is a service principal whose subject is the
 * configured one, as is, and reaches only the plugins it is restricted to.
 * The deployments backend lets service principals record without a user
 * permission, and records the subject as `recordedBy`.
 */
const TOKEN = 'deploy-token-for-the-test-0123456789';

function authFor(pluginId: string) {
  return ServiceFactoryTester.from(authServiceFactory, {
    dependencies: [
      mockServices.discovery.factory(),
      mockServices.database.factory(),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: 'http://127.0.0.1:7007',
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: TOKEN, subject: 'vigil-deploy' },
                  accessRestrictions: [{ plugin: 'deployments' }],
                },
              ],
            },
          },
        },
      }),
    ],
  }).getSubject(pluginId);
}

describe('the deploy token', () => {
  it('authenticates to the deployments plugin as service vigil-deploy', async () => {
    const auth = await authFor('deployments');
    const credentials = await auth.authenticate(TOKEN);
    expect(auth.isPrincipal(credentials, 'service')).toBe(true);
    expect(credentials.principal).toMatchObject({
      type: 'service',
      subject: 'vigil-deploy',
    });
  });

  it('reaches no other plugin', async () => {
    const auth = await authFor('catalog');
    await expect(auth.authenticate(TOKEN)).rejects.toThrow(
      "This token's access is restricted to plugin(s) 'deployments'",
    );
  });
});
