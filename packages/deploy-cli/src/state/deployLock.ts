import fs from 'node:fs';
import path from 'node:path';

export class DeployLockedError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// The lock file's path comes from the CLI's own data directory.
/* eslint-disable security/detect-non-literal-fs-filename */

/**
 * Takes the deploy lock (a file created exclusively, holding our pid and
 * command) so two deploys or rollbacks cannot move traffic at once. A lock
 * left by a process that no longer runs is taken over. Returns the release.
 */
export function acquireDeployLock(file: string, command: string): () => void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const mine = JSON.stringify({
    pid: process.pid,
    command,
    since: new Date().toISOString(),
  });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx', mode: 0o600 });
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8') === mine) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: { pid?: number; command?: string; since?: string } = {};
    try {
      holder = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      // unreadable or half-written: treated as stale below
    }
    if (holder.pid && holder.pid !== process.pid && alive(holder.pid)) {
      throw new DeployLockedError(
        `another vigil-deploy is running (${
          holder.command ?? 'unknown command'
        }, pid ${holder.pid}, since ${
          holder.since ?? '?'
        }); wait for it, or stop it first`,
      );
    }
    fs.rmSync(file, { force: true });
  }
  throw new DeployLockedError(`could not take the deploy lock ${file}`);
}

/** Who holds the deploy lock, when a live process does. */
export function deployLockHolder(
  file: string,
): { pid: number; command?: string; since?: string } | undefined {
  try {
    const holder = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof holder?.pid === 'number' && alive(holder.pid)
      ? holder
      : undefined;
  } catch {
    return undefined;
  }
}
