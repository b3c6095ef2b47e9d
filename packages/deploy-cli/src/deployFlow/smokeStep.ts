import type { DeployEvent } from '@vigil/backstage-plugin-deployments-common';
import { describeSmokeFailure, runSmokeTests } from '../smoke/smokeTests';
import { DeployRun, StepFailure, checkInterrupted } from './deployRun';

/**
 * Smoke tests the new colour on its own port, not through the proxy: it
 * has no traffic yet, and a failure here costs users nothing.
 */
export async function smokeStep(run: DeployRun): Promise<DeployEvent> {
  const { ctx, newColor } = run;
  ctx.log(
    `- smoke: readiness, POST /v1/score, /metrics on ${newColor} directly`,
  );
  const checks = await runSmokeTests({
    url: `http://127.0.0.1:${ctx.ports[newColor]}`,
    name: newColor,
    expectedVersion: run.release!.version,
  });
  run.smoke.push(...checks);
  await run.recorder!.addSmoke(checks);
  for (const check of checks) {
    ctx.log(`  ${check.ok ? 'ok' : 'FAILED'} ${check.name}: ${check.detail}`);
  }
  const smokeFailure = describeSmokeFailure(checks);
  if (smokeFailure) {
    throw new StepFailure({ type: 'smoke_failed', reason: smokeFailure });
  }
  checkInterrupted(run, 'smoke_failed');
  return { type: 'smoke_passed' };
}
