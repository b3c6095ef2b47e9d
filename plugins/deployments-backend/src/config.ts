import type { Config } from '@backstage/config';

/**
 * The subject of the deploy CLI's token: a static external access token
 * (`backend.auth.externalAccess`, type `static`) authenticates as a service
 * principal whose subject is the configured one, as is (no `external:`
 * prefix; that is for JWKS and legacy tokens).
 * @public
 */
export const DEPLOY_TOKEN_SUBJECT = 'vigil-deploy';

export interface DeploymentsBackendConfig {
  /** The subject of the deploy CLI's static token. */
  deployTokenSubject: string;
  /** Whether `backend.auth.externalAccess` has a static token of that subject for this plugin. */
  deployTokenConfigured: boolean;
}

/** Reads `vigil.deployments` and looks for the deploy token in `backend.auth.externalAccess`. */
export function readDeploymentsConfig(
  config: Config,
): DeploymentsBackendConfig {
  const deployTokenSubject =
    config.getOptionalString('vigil.deployments.deployTokenSubject') ??
    DEPLOY_TOKEN_SUBJECT;
  const entries =
    config.getOptionalConfigArray('backend.auth.externalAccess') ?? [];
  const deployTokenConfigured = entries.some(entry => {
    if (entry.getOptionalString('type') !== 'static') return false;
    if (entry.getOptionalString('options.subject') !== deployTokenSubject) {
      return false;
    }
    const plugins = (
      entry.getOptionalConfigArray('accessRestrictions') ?? []
    ).map(restriction => restriction.getOptionalString('plugin'));
    return plugins.length === 0 || plugins.includes('deployments');
  });
  return { deployTokenSubject, deployTokenConfigured };
}
