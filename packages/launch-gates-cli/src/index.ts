import path from 'node:path';
import { runCli } from './cli';
import { defaultGatesContext } from './context';

export { runCli, USAGE } from './cli';
export { UsageError } from './cliIo';
export type { CliIo, GatesContext } from './cliIo';
export { GatesApi, GatesApiError } from './api';
export { defaultGatesContext, readGatesToken } from './context';
export { writeExport, compactTimestamp } from './commands/writeExport';

// Only when run as the CLI (bin/vigil-gates), not when imported by tests.
const bin = require.main?.filename ?? '';
if (bin.endsWith(path.join('bin', 'vigil-gates'))) {
  // The repository root: the bin is packages/launch-gates-cli/bin/vigil-gates.
  const root = path.resolve(path.dirname(bin), '..', '..', '..');
  runCli(process.argv.slice(2), {
    stdout: text => process.stdout.write(text),
    stderr: text => process.stderr.write(text),
    context: ({ baseUrl }) => {
      const context = defaultGatesContext(root, process.env);
      return baseUrl ? { ...context, baseUrl } : context;
    },
  }).then(code => {
    process.exitCode = code;
  });
}
