import path from 'node:path';
import type { Color } from '@vigil/backstage-plugin-deployments-common';
import type { DeployContext } from '../context';

/** Where a colour's instance writes its log (one file per colour, reused). */
export function logFileOf(ctx: DeployContext, color: Color): string {
  return path.join(ctx.paths.logsDir, `scoring-${color}.log`);
}

/**
 * The Host headers the instance accepts from the proxy: the frontend's port
 * under both loopback names, since operators use either.
 */
export function frontendHosts(ctx: DeployContext): string[] {
  const url = new URL(ctx.frontendUrl);
  return [`127.0.0.1:${url.port}`, `localhost:${url.port}`];
}
