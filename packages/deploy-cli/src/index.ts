import os from 'node:os';
import path from 'node:path';
import { runCli } from './cli';
import { defaultDeployContext } from './context';

export * from './api';

// Only when run as the CLI (bin/vigil-deploy), not when imported by tests,
// drills or benchmarks.
const bin = require.main?.filename ?? '';
if (bin.endsWith(path.join('bin', 'vigil-deploy'))) {
  // The repository root: the bin is packages/deploy-cli/bin/vigil-deploy.
  const root = path.resolve(path.dirname(bin), '..', '..', '..');
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(
      '\nvigil-deploy: interrupted; finishing safely (Ctrl-C again to quit at once)\n',
    );
    controller.abort();
  });
  const operator = `${os.userInfo().username}@${os.hostname()}`;
  runCli(process.argv.slice(2), {
    stdout: text => process.stdout.write(text),
    stderr: text => process.stderr.write(text),
    signal: controller.signal,
    context: overrides => {
      const ctx = defaultDeployContext(
        root,
        process.env,
        line => process.stderr.write(`${line}\n`),
        operator,
      );
      return { ...ctx, entityRef: overrides.entityRef ?? ctx.entityRef };
    },
  }).then(code => {
    process.exitCode = code;
  });
}
