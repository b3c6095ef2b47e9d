import { parseArgs } from 'node:util';
import { CliCommand } from '../cliIo';
import { rollback } from './rollback';

/** `rollback`'s flags; throws on unknown ones (usage errors). */
export function parseRollbackArgs(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { reason: { type: 'string' }, entity: { type: 'string' } },
    strict: true,
  });
  return { reason: values.reason, entityRef: values.entity };
}

export const rollbackCommand: CliCommand = {
  name: 'rollback',
  synopsis: 'rollback [--reason <text>]',
  help: `  rollback  switch back to the release that was live before`,
  async run(args, io) {
    const options = parseRollbackArgs(args);
    const ctx = io.context({ entityRef: options.entityRef });
    const result = await rollback(ctx, {
      reason: options.reason,
      signal: io.signal,
    });
    io.stderr(
      `vigil-deploy: rollback ${result.outcome}: ${
        result.outcome === 'succeeded'
          ? `traffic is back on v${result.release?.version} (${result.toColor})`
          : result.message
      }\n`,
    );
    return result.outcome === 'succeeded' ? 0 : 1;
  },
};
