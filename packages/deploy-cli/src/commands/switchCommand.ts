import { parseArgs } from 'node:util';
import type { Color } from '@vigil/backstage-plugin-deployments-common';
import { CliCommand, UsageError } from '../cliIo';
import { switchTo } from './switch';

/** `switch`'s flags: the colour to settle on; throws on anything else (usage errors). */
export function parseSwitchArgs(args: string[]): { to: Color } {
  const { values } = parseArgs({
    args,
    options: { to: { type: 'string' } },
    strict: true,
  });
  if (values.to !== 'blue' && values.to !== 'green') {
    throw new UsageError(
      `switch needs --to blue or --to green${
        values.to === undefined ? '' : `, not "${values.to}"`
      }`,
    );
  }
  return { to: values.to };
}

export const switchCommand: CliCommand = {
  name: 'switch',
  synopsis: 'switch --to <blue|green>',
  help: `  switch    settle a switch a stopped CLI left halfway (both colours or none
            taking traffic): <colour> alone takes traffic, the other is stopped;
            deploy and rollback refuse until then and name this command`,
  async run(args, io) {
    const options = parseSwitchArgs(args);
    const result = await switchTo(io.context({}), options.to);
    io.stderr(`vigil-deploy: switch succeeded: ${result.message}\n`);
    return 0;
  },
};
