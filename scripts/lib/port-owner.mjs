// Which process holds a TCP port, so that `./vigil start` can name a stale
// process from an earlier run (a Prometheus left behind when the launcher
// was killed) instead of only saying the port is taken.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { processArgs } from './start-lock.mjs';

/** Whether something listens on `port` (any address). */
export function portInUse(port) {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', error => resolve(error.code === 'EADDRINUSE'));
    server.once('listening', () => server.close(() => resolve(false)));
    server.listen(port);
  });
}

/** The PIDs in `ss -ltnpH` output (`users:(("prometheus",pid=4242,fd=7))`). */
export function parseSsPids(output) {
  return [
    ...new Set([...output.matchAll(/pid=(\d+)/g)].map(m => Number(m[1]))),
  ];
}

/**
 * The processes listening on `port`: [{ pid, command, cwd }]. Empty when
 * `ss` is missing or the owner is another user's (ss shows no pid then).
 */
export function portOwners(port) {
  const ss = spawnSync('ss', ['-ltnpH', `sport = :${port}`], {
    encoding: 'utf8',
  });
  if (ss.status !== 0) return [];
  return parseSsPids(ss.stdout).map(pid => {
    let cwd;
    try {
      cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      // another user's process
    }
    const args = processArgs(pid);
    return {
      pid,
      command: args ? args.join(' ').slice(0, 300) : undefined,
      cwd,
    };
  });
}

/** What `./vigil start` says about port `port` of service `name` being taken. */
export function portTakenMessage(port, name, owners, root) {
  if (owners.length === 0) {
    return `port ${port} (${name}) is in use by another process; stop it (see 'ss -ltnp "sport = :${port}"') and run ./vigil start again`;
  }
  const who = owners
    .map(
      o =>
        `PID ${o.pid} (${o.command ?? 'command unknown'})${
          o.cwd === root || o.cwd?.startsWith(`${root}/`)
            ? ', started from this repository, probably left over from an earlier ./vigil start'
            : ''
        }`,
    )
    .join('; ');
  return `port ${port} (${name}) is held by ${who}; stop it with 'kill ${owners
    .map(o => o.pid)
    .join(' ')}' and run ./vigil start again`;
}
