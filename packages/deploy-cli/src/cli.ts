import { CliCommand, CliIo, UsageError } from './cliIo';
import { deployCommand } from './commands/deployCommand';
import { downCommand } from './commands/downCommand';
import { rollbackCommand } from './commands/rollbackCommand';
import { statusCommand } from './commands/statusCommand';
import { switchCommand } from './commands/switchCommand';
import { upCommand } from './commands/upCommand';
import { drillCommand } from './drill/drillCommand';

export { UsageError } from './cliIo';
export type { CliCommand, CliIo } from './cliIo';
export { formatStatus } from './commands/statusCommand';

/** Every command, in the order the usage lists them. */
const COMMANDS: CliCommand[] = [
  deployCommand,
  rollbackCommand,
  statusCommand,
  switchCommand,
  drillCommand,
  upCommand,
  downCommand,
];

// Built from the commands' own synopses and help rows, so a command's flags
// and their description change in one file.
export const USAGE = `usage: ${COMMANDS.map(
  c => `vigil-deploy ${c.synopsis}`,
).join('\n       ')}

Blue-green releases of the scoring API behind HAProxy (ops/haproxy/haproxy.cfg):
${COMMANDS.flatMap(c => (c.help ? [c.help] : [])).join('\n')}`;

/** Runs the CLI; resolves with the exit code (0 ok, 1 failed, 2 usage). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const found = COMMANDS.find(c => c.name === command);
    if (found) return await found.run(rest, io);
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    // Each command's flag parsing throws UsageError or node:util's
    // ERR_PARSE_ARGS_* errors: both are the caller's mistake (exit 2).
    const usage =
      error instanceof UsageError ||
      (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    io.stderr(`vigil-deploy: ${(error as Error).message}\n`);
    if (usage) io.stderr(`${USAGE}\n`);
    return usage ? 2 : 1;
  }
}
