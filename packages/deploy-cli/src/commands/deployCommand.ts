import { parseArgs } from 'node:util';
import { CliCommand, UsageError } from '../cliIo';
import { deploy } from './deploy';

function parseSeconds(
  value: string | undefined,
  name: string,
  fallback: number,
) {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 86_400) {
    throw new UsageError(
      `--${name} must be whole seconds (0-86400), not "${value}"`,
    );
  }
  return Number(value);
}

/** `deploy`'s flags, parsed and validated; throws on bad ones (usage errors). */
export function parseDeployArgs(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      ref: { type: 'string' },
      watch: { type: 'string' },
      entity: { type: 'string' },
    },
    strict: true,
  });
  return {
    ref: values.ref,
    entityRef: values.entity,
    watchSeconds: parseSeconds(values.watch, 'watch', 60),
  };
}

export const deployCommand: CliCommand = {
  name: 'deploy',
  synopsis: 'deploy [--ref <git ref>] [--watch <seconds>] [--entity <ref>]',
  help: `  deploy    build the ref (default: the working tree), start it as the idle colour,
            smoke test it, switch traffic with draining, watch it (default 60 s:
            smoke tests + the availability SLO's fast-burn condition), roll back on
            failure, then stop the old colour`,
  async run(args, io) {
    const options = parseDeployArgs(args);
    const ctx = io.context({ entityRef: options.entityRef });
    const result = await deploy(ctx, {
      ref: options.ref,
      watchSeconds: options.watchSeconds,
      signal: io.signal,
    });
    io.stderr(`vigil-deploy: ${result.outcome}: ${result.message}\n`);
    return result.outcome === 'succeeded' ? 0 : 1;
  },
};
