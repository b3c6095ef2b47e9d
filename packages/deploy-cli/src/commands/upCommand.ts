import { parseArgs } from 'node:util';
import { CliCommand } from '../cliIo';
import { up } from './up';

export const upCommand: CliCommand = {
  name: 'up',
  synopsis: 'up',
  // One row for up and down: each is the other's opposite (./vigil start's pair).
  help: `  up/down   start blue from the working tree / stop every instance (./vigil start)`,
  async run(args, io) {
    // No flags: anything after the command is a usage error.
    parseArgs({ args, options: {}, strict: true });
    await up(io.context({}), { signal: io.signal });
    return 0;
  },
};
