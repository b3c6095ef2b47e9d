// One `./vigil start` at a time: .data/vigil-start.pid holds the running
// launcher's PID and start time. A lock whose PID is gone, is no longer a
// `scripts/start.mjs`, or is a newer process that reused the PID, is stale
// (the launcher was killed with SIGKILL, or the machine restarted) and is
// taken over.
import fs from 'node:fs';
import path from 'node:path';

/** The arguments of process `pid` (Linux /proc), or undefined when it is gone. */
export function processArgs(pid) {
  try {
    return fs
      .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter(Boolean);
  } catch {
    return undefined;
  }
}

/** When process `pid` started, in clock ticks since boot (/proc/<pid>/stat field 22). */
export function processStartTicks(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether process `pid` is a running `node scripts/start.mjs`. */
export function isVigilStart(pid) {
  const args = processArgs(pid);
  return Boolean(args?.some(arg => /(^|\/)scripts\/start\.mjs$/.test(arg)));
}

/** The lock's holder if it is a live vigil start, else undefined (stale or absent). */
export function liveHolder(file) {
  let holder;
  try {
    holder = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined; // absent, or half-written by a launcher killed meanwhile
  }
  if (!Number.isInteger(holder?.pid) || !isVigilStart(holder.pid))
    return undefined;
  if (holder.procStart && holder.procStart !== processStartTicks(holder.pid))
    return undefined;
  return holder;
}

/**
 * Takes the lock for this process. Returns `{ release }`, or `{ holder }`
 * (its pid, startedAt, portal) when another vigil start holds it.
 */
export function acquireStartLock(file, { portal } = {}) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const mine = {
    pid: process.pid,
    procStart: processStartTicks(process.pid),
    startedAt: new Date().toISOString(),
    portal,
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // wx: of two launchers started at once, exactly one creates it.
      fs.writeFileSync(file, `${JSON.stringify(mine)}\n`, { flag: 'wx' });
      return {
        release: () => {
          try {
            if (JSON.parse(fs.readFileSync(file, 'utf8')).pid === process.pid)
              fs.rmSync(file, { force: true });
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const holder = liveHolder(file);
    if (holder) return { holder };
    fs.rmSync(file, { force: true });
  }
  throw new Error(`could not take the lock ${file}`);
}

/** What a second `./vigil start` prints. */
export function alreadyRunningMessage(holder) {
  const since = holder.startedAt
    ? ` since ${new Date(holder.startedAt).toLocaleString()}`
    : '';
  return `./vigil start is already running (PID ${holder.pid}${since}${
    holder.portal ? `, portal ${holder.portal}` : ''
  }); stop it first (Ctrl-C in its terminal, or 'kill ${holder.pid}')`;
}
