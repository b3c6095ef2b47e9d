import { CliCommand, CliIo, UsageError } from './cliIo';
import { exportCommand } from './commands/exportCommand';
import { postReportCommand } from './commands/postReportCommand';

/** Every command, in the order the usage lists them. */
const COMMANDS: CliCommand[] = [exportCommand, postReportCommand];

export const USAGE = `usage: ${COMMANDS.map(
  c => `vigil-gates ${c.synopsis}`,
).join('\n       ')}

Launch-gate evidence (token: VIGIL_LAUNCH_GATES_TOKEN, else .data/launch-gates-token;
portal: --base-url, else VIGIL_BACKEND_URL, else http://127.0.0.1:7007):
${COMMANDS.map(c => c.help).join('\n')}`;

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
    // Flag parsing throws UsageError or node:util's ERR_PARSE_ARGS_* errors:
    // both are the caller's mistake (exit 2).
    const usage =
      error instanceof UsageError ||
      Boolean(
        (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS'),
      );
    io.stderr(`vigil-gates: ${(error as Error).message}\n`);
    if (usage) io.stderr(`${USAGE}\n`);
    return usage ? 2 : 1;
  }
}
