// Child processes of a benchmark: started in their own process group with
// their output in <work>/<name>.log, polled until ready, stopped on exit.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

/** A benchmark's working directory: `.data/<name>`. */
export const workDir = name => path.join(root, '.data', name);

/** Empties `dir` (and creates it with `subdirs`). */
export function freshDir(dir, ...subdirs) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const sub of subdirs)
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
  return dir;
}

export const sleep = ms => new Promise(r => setTimeout(r, ms));

const children = [];

/** SIGTERM to the process group of every child started here. */
export function stopChildren() {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

let stopOnExit = false;
/** Stops the children when this process exits, also on Ctrl-C (130) and SIGTERM (143). */
export function stopChildrenOnExit() {
  if (stopOnExit) return;
  stopOnExit = true;
  process.on('exit', stopChildren);
  process.on('SIGINT', () => process.exit(130));
  process.on('SIGTERM', () => process.exit(143));
}

/** Starts `command` detached (its own process group), output in <work>/<name>.log. */
export function startLogged(work, name, command, args, options = {}) {
  const out = fs.openSync(path.join(work, `${name}.log`), 'w');
  const child = spawn(command, args, {
    detached: true,
    stdio: ['ignore', out, out],
    ...options,
  });
  children.push(child);
  return child;
}

/**
 * Calls `check` every second until it returns something truthy, and returns
 * that; a throw counts as not yet. After `timeoutMs`, `fail`s naming `work`'s logs.
 */
export async function waitFor(what, check, timeoutMs, { fail, work }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    await sleep(1000);
  }
  return fail(
    `timed out waiting for ${what} (logs in ${path.relative(root, work)})`,
  );
}

const CLK_TCK = 100;
/**
 * CPU seconds used so far by every process of process group `group` (Linux
 * /proc), or undefined.
 */
export function processGroupCpuSeconds(group) {
  if (!group) return undefined;
  try {
    let ticks = 0;
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat;
      try {
        stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[2] is the process group, fields[11..12] utime and stime.
      if (Number(fields[2]) === group)
        ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / CLK_TCK;
  } catch {
    return undefined;
  }
}

/** Process ids of process group `group` (Linux /proc). */
function processGroupPids(group) {
  const pids = [];
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === group) pids.push(pid);
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * The largest peak resident set (VmHWM) of any process of group `group`, in
 * MiB: the backend's own node process, not yarn's or the CLI's wrappers.
 */
export function processGroupPeakRssMb(group) {
  if (!group) return undefined;
  let peakKb = 0;
  for (const pid of processGroupPids(group)) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
      peakKb = Math.max(peakKb, kb);
    } catch {
      // gone meanwhile
    }
  }
  return peakKb > 0 ? Math.round(peakKb / 1024) : undefined;
}

/**
 * Stops `child`'s process group: SIGTERM, then SIGKILL if it has not exited
 * within `graceMs` (a Prometheus holding 85,000 rules can take minutes to
 * stop, and would take a core from the next benchmark).
 */
export async function stopChild(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const timer = new Promise(resolve => setTimeout(resolve, graceMs, 'late'));
  if ((await Promise.race([exited, timer])) === 'late') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
    await exited;
  }
}
