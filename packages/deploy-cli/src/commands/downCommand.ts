import { parseArgs } from 'node:util';
import { CliCommand } from '../cliIo';
import { down } from './down';

export const downCommand: CliCommand = {
  name: 'down',
  synopsis: 'down',
  // No help row of its own: up's row describes both.
  async run(args, io) {
    // No flags: anything after the command is a usage error.
    parseArgs({ args, options: {}, strict: true });
    const stopped = await down(io.context({}));
    io.stderr(`vigil-deploy: down: ${stopped} instance(s) stopped\n`);
    return 0;
  },
};
