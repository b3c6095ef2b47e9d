import { parseArgs } from 'node:util';
import type { DeployContext } from './context';
import { deploy } from './commands/deploy';
import { down } from './commands/down';
import { rollback } from './commands/rollback';
import { DeployStatus, status } from './commands/status';
import { switchTo } from './commands/switch';
import { up } from './commands/up';
import { runDrillCommand } from './drill/drillCommand';

export const USAGE = `usage: vigil-deploy deploy [--ref <git ref>] [--watch <seconds>] [--entity <ref>]
       vigil-deploy rollback [--reason <text>]
       vigil-deploy status [--json]
       vigil-deploy switch --to <blue|green>
       vigil-deploy drill [options]        (vigil-deploy drill --help)
       vigil-deploy up
       vigil-deploy down

Blue-green releases of the scoring API behind HAProxy (ops/haproxy/haproxy.cfg):
  deploy    build the ref (default: the working tree), start it as the idle colour,
            smoke test it, switch traffic with draining, watch it (default 60 s:
            smoke tests + the availability SLO's fast-burn condition), roll back on
            failure, then stop the old colour
  rollback  switch back to the release that was live before
  status    what is live, per colour: HAProxy's state, the instance, its version
  switch    settle a switch a stopped CLI left halfway (both colours or none
            taking traffic): <colour> alone takes traffic, the other is stopped;
            deploy and rollback refuse until then and name this command
  drill     a timed rollback drill: a broken release under load, RTO and RPO
  up/down   start blue from the working tree / stop every instance (./vigil start)`;

export class UsageError extends Error {}

/** What the CLI needs from its process, injected so tests run it in-process. */
export interface CliIo {
  stdout(text: string): void;
  /** Progress and errors. */
  stderr(text: string): void;
  /** Builds the context for this run (paths, ports, tokens, logging). */
  context(overrides: { entityRef?: string }): DeployContext;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}

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

/** Runs the CLI; resolves with the exit code (0 ok, 1 failed, 2 usage). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'deploy': {
        const { values } = parseArgs({
          args: rest,
          options: {
            ref: { type: 'string' },
            watch: { type: 'string' },
            entity: { type: 'string' },
          },
          strict: true,
        });
        const ctx = io.context({ entityRef: values.entity });
        const result = await deploy(ctx, {
          ref: values.ref,
          watchSeconds: parseSeconds(values.watch, 'watch', 60),
          signal: io.signal,
        });
        io.stderr(`vigil-deploy: ${result.outcome}: ${result.message}\n`);
        return result.outcome === 'succeeded' ? 0 : 1;
      }
      case 'rollback': {
        const { values } = parseArgs({
          args: rest,
          options: { reason: { type: 'string' }, entity: { type: 'string' } },
          strict: true,
        });
        const ctx = io.context({ entityRef: values.entity });
        const result = await rollback(ctx, {
          reason: values.reason,
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
      }
      case 'status': {
        const { values } = parseArgs({
          args: rest,
          options: { json: { type: 'boolean' } },
          strict: true,
        });
        const s = await status(io.context({}));
        io.stdout(
          values.json ? `${JSON.stringify(s, null, 2)}\n` : formatStatus(s),
        );
        return 0;
      }
      case 'drill':
        return await runDrillCommand(rest, io);
      case 'switch': {
        const { values } = parseArgs({
          args: rest,
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
        const result = await switchTo(io.context({}), values.to);
        io.stderr(`vigil-deploy: switch succeeded: ${result.message}\n`);
        return 0;
      }
      case 'up': {
        parseArgs({ args: rest, options: {}, strict: true });
        await up(io.context({}), { signal: io.signal });
        return 0;
      }
      case 'down': {
        parseArgs({ args: rest, options: {}, strict: true });
        const stopped = await down(io.context({}));
        io.stderr(`vigil-deploy: down: ${stopped} instance(s) stopped\n`);
        return 0;
      }
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
    const usage =
      error instanceof UsageError ||
      (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    io.stderr(`vigil-deploy: ${(error as Error).message}\n`);
    if (usage) io.stderr(`${USAGE}\n`);
    return usage ? 2 : 1;
  }
}
