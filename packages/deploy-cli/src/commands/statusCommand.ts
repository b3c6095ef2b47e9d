import { parseArgs } from 'node:util';
import { CliCommand } from '../cliIo';
import { DeployStatus, status } from './status';

/** Human status: one block per colour, the live one first. */
export function formatStatus(s: DeployStatus): string {
  const lines: string[] = [];
  lines.push(
    s.live
      ? `live: ${s.live}${
          s.frontend?.version
            ? ` (the proxy answers v${s.frontend.version} from ${s.frontend.color})`
            : ''
        }`
      : 'live: nothing (run ./vigil start, or vigil-deploy up)',
  );
  if (s.frontend?.error) lines.push(`proxy: ${s.frontend.error}`);
  if (s.problem) lines.push(`WARNING: ${s.problem}`);
  if (s.proxyError) lines.push(`HAProxy: ${s.proxyError}`);
  for (const c of s.colors) {
    const proxy = c.proxy
      ? `HAProxy ${c.proxy.admin}, ${c.proxy.up ? 'up' : 'down'} (${
          c.proxy.status
        }), ${c.proxy.connections} open connections`
      : 'HAProxy: unknown';
    const instance = c.instance
      ? `v${c.instance.version} pid ${c.instance.pid} port ${c.instance.port} ${
          c.instance.running ? 'running' : 'NOT RUNNING'
        } since ${c.instance.startedAt}`
      : 'no instance';
    lines.push(`${c.color.padEnd(5)}  ${instance}; ${proxy}`);
  }
  if (s.previous) lines.push(`rollback target: v${s.previous.version}`);
  return `${lines.join('\n')}\n`;
}

/** `status`'s flags; throws on unknown ones (usage errors). */
export function parseStatusArgs(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean' } },
    strict: true,
  });
  return { json: values.json };
}

export const statusCommand: CliCommand = {
  name: 'status',
  synopsis: 'status [--json]',
  help: `  status    what is live, per colour: HAProxy's state, the instance, its version`,
  async run(args, io) {
    const options = parseStatusArgs(args);
    const s = await status(io.context({}));
    io.stdout(
      options.json ? `${JSON.stringify(s, null, 2)}\n` : formatStatus(s),
    );
    return 0;
  },
};
