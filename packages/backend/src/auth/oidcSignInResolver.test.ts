import type { AuthResolverContext } from '@backstage/plugin-auth-node';
import { vigilOidcSignInResolver } from './oidcSignInResolver';

function info(userinfo: Record<string, unknown>) {
  return {
    profile: {},
    result: { fullProfile: { userinfo, tokenset: {} }, session: {} },
  } as any;
}

function context(known: string[]) {
  const signInWithCatalogUser = jest.fn(
    async (query: { filter: Record<string, string> }) => {
      const email = query.filter['spec.profile.email'];
      if (!known.includes(email)) {
        const error = new Error(`no user ${email}`);
        error.name = 'NotFoundError';
        throw error;
      }
      return { token: `token-for-${email}` };
    },
  );
  return {
    ctx: { signInWithCatalogUser } as unknown as AuthResolverContext,
    signInWithCatalogUser,
  };
}

describe('vigilOidcSignInResolver', () => {
  it.each([
    {
      name: 'a verified catalog email signs in',
      userinfo: { email: 'Dmitri@vigil.example', email_verified: true },
      token: 'token-for-dmitri@vigil.example',
    },
    {
      name: 'an unverified email is refused',
      userinfo: { email: 'dmitri@vigil.example', email_verified: false },
      error: /has not verified the email dmitri@vigil.example/,
    },
    {
      name: 'a missing email_verified is refused',
      userinfo: { email: 'dmitri@vigil.example' },
      error: /has not verified/,
    },
    {
      name: 'no email is refused',
      userinfo: { email_verified: true },
      error: /did not give an email/,
    },
    {
      name: 'an email no catalog user has is refused, saying what to do',
      userinfo: { email: 'mallory@vigil.example', email_verified: true },
      error:
        /no catalog user with the email mallory@vigil.example; ask a portal admin/,
    },
  ])('$name', async ({ userinfo, token, error }) => {
    const { ctx } = context(['dmitri@vigil.example']);
    const result = vigilOidcSignInResolver(info(userinfo), ctx);
    const outcome = await result.then(
      resolved => ({ resolved }),
      (e: Error) => ({ name: e.name, message: e.message }),
    );
    const refused = { name: 'NotAllowedError', message: error?.source };
    expect(
      'message' in outcome
        ? {
            name: outcome.name,
            message: error?.test(outcome.message) && error.source,
          }
        : outcome,
    ).toEqual(error ? refused : { resolved: { token } });
  });

  it('passes other catalog failures on unchanged', async () => {
    const ctx = {
      signInWithCatalogUser: async () => {
        throw new Error('catalog down');
      },
    } as unknown as AuthResolverContext;
    await expect(
      vigilOidcSignInResolver(
        info({ email: 'a@vigil.example', email_verified: true }),
        ctx,
      ),
    ).rejects.toThrow('catalog down');
  });
});
