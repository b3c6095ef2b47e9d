// Runs long-lived services and keeps them running: each in its own process
// group with its output in <logDir>/<name>.log; one that exits unexpectedly
// (or, once ready, stops answering HTTP at all) is restarted with exponential
// backoff; repeated crashes give up and stop everything. Used by
// scripts/start.mjs (./vigil start) and loadtest/crash-benchmark.mjs.
//
// A service is data (so a launcher can add replicas):
//   { name, command, args, cwd?, env?, secretEnv?: () => env, ports?,
//     ready: URL answering 2xx once it serves,
//     live?: URL any HTTP answer of which shows the process is not hung
//            (default `ready`; a 503 from a readiness endpoint while the
//            database is down is alive: restarting would not help),
//     fatal?: RegExp of log lines after which it will never become ready,
//     afterReady?: async () => boolean, run once after the first ready,
//     probe?: false (no hang detection) }
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';

export const defaultPolicy = Object.freeze({
  /** First restart delay; doubled per consecutive crash up to maxBackoffMs. */
  backoffMs: 1000,
  maxBackoffMs: 30_000,
  /** A service up this long before it crashes starts its backoff again at backoffMs. */
  resetAfterMs: 60_000,
  /** More crashes than this within windowMs: give up and stop everything. */
  maxRestarts: 5,
  windowMs: 5 * 60_000,
  /** Hang detection once ready: probeFailures probes in a row without any answer. */
  probeIntervalMs: 5000,
  probeTimeoutMs: 5000,
  probeFailures: 3,
  /** Polling the ready URL while a service starts, and how long it may take. */
  readyPollMs: 1000,
  readyTimeoutMs: 600_000,
  /** SIGTERM, then SIGKILL after this. */
  stopGraceMs: 10_000,
});

// The line the supervisor writes into a log before each restart's output.
const RESTART_MARKER = '--- vigil supervisor:';

const sleep = ms => new Promise(r => setTimeout(r, ms));

/** The delay before the `consecutive`-th restart in a row (1-based). */
export function backoffDelay(consecutive, policy = defaultPolicy) {
  return Math.min(
    policy.maxBackoffMs,
    policy.backoffMs * 2 ** Math.max(0, consecutive - 1),
  );
}

/** `code 1` or `signal SIGKILL`. */
export const describeExit = (code, signal) =>
  signal ? `signal ${signal}` : `code ${code}`;

/** `2 s`, `1.5 s`, `5 min`. */
export function humanDuration(ms) {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** A log file's text without terminal colours ('' when unreadable). */
export function readLog(file) {
  try {
    // eslint-disable-next-line no-control-regex
    return fs.readFileSync(file, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
  } catch {
    return '';
  }
}

/** The part of a log written by the current run (after the last restart marker). */
export function lastRun(file) {
  const text = readLog(file);
  return text.slice(Math.max(0, text.lastIndexOf(RESTART_MARKER)));
}

/**
 * The line of a log that best says why a process failed, without stack
 * frames. Only the last run's part of the log (after the supervisor's last
 * restart marker) counts.
 */
export function explain(file) {
  const meaningful = lastRun(file)
    .split('\n')
    .filter(
      l => l.trim() && !/^\s+at /.test(l) && !l.startsWith(RESTART_MARKER),
    );
  const error = meaningful
    .filter(l => /error|invalid|cannot|failed|EADDRINUSE/i.test(l))
    .pop();
  const line = error ?? meaningful.pop() ?? 'the log is empty';
  // Drop the logger's structured tail (type=..., stack="...").
  return line
    .replace(/^\S*\d{4}-\d\d-\d\dT[\d:.]+Z\s+/, '')
    .replace(/\s+(type|stack)=.*$/, '')
    .trim()
    .slice(0, 400);
}

/** Signals process group `group`; false when it has no process left. */
function signalGroup(group, signal) {
  try {
    process.kill(-group, signal);
    return true;
  } catch {
    return false;
  }
}

/** Whether any process of group `group` is still there. */
const groupAlive = group => signalGroup(group, 0);

export class Supervisor extends EventEmitter {
  #units = new Map();
  #stopping = false;
  #resolveDone;
  #startedAt = Date.now();

  /**
   * @param options.cwd       default working directory of the services
   * @param options.logDir    where <name>.log goes
   * @param options.policy    overrides of defaultPolicy
   * @param options.prefix    of every line printed (`vigil`)
   * @param options.print     info lines (console.log)
   * @param options.printError problem lines (console.error)
   * @param options.displayPath how a log file is named in messages
   */
  constructor(options) {
    super();
    this.cwd = options.cwd;
    this.logDir = options.logDir;
    this.policy = { ...defaultPolicy, ...options.policy };
    this.prefix = options.prefix ?? 'vigil';
    this.print = options.print ?? (line => console.log(line));
    this.printError = options.printError ?? (line => console.error(line));
    this.displayPath =
      options.displayPath ?? (file => path.relative(this.cwd, file));
    /** Resolves with the exit code once everything stopped (stop(), a failed start, a give-up). */
    this.done = new Promise(resolve => {
      this.#resolveDone = resolve;
    });
  }

  get stopping() {
    return this.#stopping;
  }

  #say(line) {
    this.print(`${this.prefix}: ${line}`);
  }

  #complain(line) {
    this.printError(`${this.prefix}: ${line}`);
  }

  /**
   * Starts `service`; resolves true once it is ready (and its afterReady
   * succeeded), false when it failed to start: the reason is printed and
   * everything is being stopped with exit code 1.
   */
  start(service) {
    if (this.#units.has(service.name))
      throw new Error(`service ${service.name} is already supervised`);
    const unit = {
      service,
      logFile: path.join(this.logDir, `${service.name}.log`),
      child: undefined,
      spawnedAt: 0,
      everReady: false,
      crashes: [],
      consecutive: 0,
      restarts: 0,
      timer: undefined,
      probeTimer: undefined,
      killedBecause: undefined,
    };
    this.#units.set(service.name, unit);
    return this.#run(unit);
  }

  /** The PID of a service's current process (leader of its process group). */
  pid(name) {
    return this.#units.get(name)?.child?.pid;
  }

  /** Restarts so far of a service. */
  restarts(name) {
    return this.#units.get(name)?.restarts ?? 0;
  }

  #spawn(unit) {
    const { service } = unit;
    const restart = unit.restarts > 0;
    const out = fs.openSync(unit.logFile, restart ? 'a' : 'w');
    if (restart) {
      fs.writeSync(
        out,
        `\n${RESTART_MARKER} restart ${
          unit.restarts
        } at ${new Date().toISOString()} ---\n`,
      );
    }
    const child = spawn(service.command, service.args ?? [], {
      cwd: service.cwd ?? this.cwd,
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, ...service.env, ...service.secretEnv?.() },
    });
    fs.closeSync(out);
    unit.child = child;
    unit.spawnedAt = Date.now();
    unit.killedBecause = undefined;
    // A command that cannot be run at all (ENOENT) emits no 'exit': it
    // counts as one that crashed at once.
    child.on('error', error => {
      if (child.pid !== undefined) return;
      fs.appendFileSync(unit.logFile, `failed to run: ${error.message}\n`);
      this.#exited(unit, child, 127, null);
    });
    child.once('exit', (code, signal) =>
      this.#exited(unit, child, code, signal),
    );
    return child;
  }

  /** Starts the service's process and waits for it to be ready. */
  async #run(unit) {
    const { service } = unit;
    const child = this.#spawn(unit);
    const outcome = await this.#waitReady(unit, child);
    if (this.#stopping || child !== unit.child) return false;
    if (outcome === 'ready') {
      const first = !unit.everReady;
      unit.everReady = true;
      this.#probe(unit, child);
      if (first) {
        if (service.afterReady && !(await service.afterReady())) {
          if (!this.#stopping) this.stop(1);
          return false;
        }
      } else {
        this.#say(
          `${service.name} is ready again after restart ${unit.restarts} (PID ${
            child.pid
          }, ${humanDuration(
            Math.round((Date.now() - unit.lastCrashAt) / 100) * 100,
          )} after it went down)`,
        );
      }
      this.emit('ready', { name: service.name, restarts: unit.restarts });
      return true;
    }
    const why = `${outcome}: ${explain(
      unit.logFile,
    )} (full log: ${this.displayPath(unit.logFile)})`;
    if (!unit.everReady) {
      // A first start that fails is a configuration or environment problem
      // (a bad config, a missing binary, a port taken): restarting would
      // only repeat it, so say why and stop.
      this.#complain(`${service.name} ${why}`);
      this.stop(1);
      return false;
    }
    if (child.exitCode === null && child.signalCode === null) {
      // A restart that hangs before ready or logged a fatal error: kill it,
      // and its exit counts as a crash.
      unit.killedBecause = outcome;
      signalGroup(child.pid, 'SIGKILL');
    }
    return false;
  }

  /** 'ready', or why it is not: 'exited during start (code 1)', 'did not become ready at URL'. */
  async #waitReady(unit, child) {
    const { service } = unit;
    const deadline = Date.now() + this.policy.readyTimeoutMs;
    while (Date.now() < deadline) {
      if (this.#stopping || child !== unit.child) return 'stopping';
      if (child.pid === undefined && child.exitCode !== null)
        return `could not be run (${service.command})`;
      if (child.exitCode !== null || child.signalCode !== null)
        return `exited during start (${describeExit(
          child.exitCode,
          child.signalCode,
        )})`;
      if (service.fatal && service.fatal.test(lastRun(unit.logFile)))
        return `did not become ready at ${service.ready}`;
      try {
        const res = await fetch(service.ready, {
          signal: AbortSignal.timeout(this.policy.probeTimeoutMs),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok && child.exitCode === null) return 'ready';
      } catch {
        // not listening yet
      }
      await sleep(this.policy.readyPollMs);
    }
    return `did not become ready at ${service.ready} within ${humanDuration(
      this.policy.readyTimeoutMs,
    )}`;
  }

  /**
   * Once ready, asks the live URL every probeIntervalMs; probeFailures in a
   * row with no HTTP answer at all (refused, reset, timed out) mean the
   * process hangs: it is killed, and restarted like a crash.
   */
  #probe(unit, child) {
    const { service } = unit;
    if (service.probe === false) return;
    const url = service.live ?? service.ready;
    let failures = 0;
    const tick = async () => {
      if (this.#stopping || child !== unit.child || child.exitCode !== null)
        return;
      try {
        const res = await fetch(url, {
          signal: AbortSignal.timeout(this.policy.probeTimeoutMs),
        });
        await res.arrayBuffer().catch(() => undefined);
        failures = 0;
      } catch {
        failures++;
      }
      if (this.#stopping || child !== unit.child || child.exitCode !== null)
        return;
      if (failures >= this.policy.probeFailures) {
        const reason = `stopped answering ${url} (${failures} probes ${humanDuration(
          this.policy.probeIntervalMs,
        )} apart)`;
        this.#complain(
          `${service.name} (PID ${child.pid}) ${reason}; killing it to restart it`,
        );
        unit.killedBecause = `hung: ${reason}`;
        signalGroup(child.pid, 'SIGKILL');
        return;
      }
      unit.probeTimer = setTimeout(tick, this.policy.probeIntervalMs);
    };
    unit.probeTimer = setTimeout(tick, this.policy.probeIntervalMs);
  }

  #exited(unit, child, code, signal) {
    if (child !== unit.child) return;
    clearTimeout(unit.probeTimer);
    if (this.#stopping) return;
    // What the process left in its group (a wrapper's children) goes too:
    // it may hold the ports the restart needs.
    signalGroup(child.pid, 'SIGKILL');
    // Before the first ready, #run reports the failed start.
    if (!unit.everReady) return;
    this.#crashed(unit, unit.killedBecause ?? describeExit(code, signal));
  }

  #crashed(unit, reason) {
    const { service } = unit;
    const { policy } = this;
    const now = Date.now();
    unit.lastCrashAt = now;
    if (now - unit.spawnedAt >= policy.resetAfterMs) unit.consecutive = 0;
    unit.consecutive++;
    unit.crashes = unit.crashes.filter(t => now - t < policy.windowMs);
    unit.crashes.push(now);
    const log = this.displayPath(unit.logFile);
    const within = humanDuration(policy.windowMs);
    if (unit.crashes.length > policy.maxRestarts) {
      this.#complain(
        `${service.name} exited unexpectedly (${reason}), ${
          unit.crashes.length
        } times within ${within}; giving up and stopping everything. Its log says: ${explain(
          unit.logFile,
        )} (full log: ${log})`,
      );
      this.emit('give-up', { name: service.name, reason });
      this.stop(1);
      return;
    }
    const delay = backoffDelay(unit.consecutive, policy);
    unit.restarts++;
    this.#complain(
      `${service.name} exited unexpectedly (${reason}); restart ${
        unit.crashes.length
      } of ${policy.maxRestarts} within ${within}, in ${humanDuration(
        delay,
      )} (log: ${log})`,
    );
    this.emit('crash', {
      name: service.name,
      reason,
      restart: unit.restarts,
      delayMs: delay,
    });
    unit.timer = setTimeout(() => {
      if (!this.#stopping) this.#run(unit);
    }, delay);
  }

  /**
   * Stops every service: SIGTERM to each process group, SIGKILL to what is
   * left after stopGraceMs. Resolves (as `done` does) with `code`; a second
   * call returns the first one's promise.
   */
  stop(code = 0) {
    if (this.#stopping) return this.done;
    this.#stopping = true;
    this.emit('stopping', code);
    const groups = [];
    for (const unit of this.#units.values()) {
      clearTimeout(unit.timer);
      clearTimeout(unit.probeTimer);
      if (unit.child?.pid) groups.push(unit.child.pid);
    }
    for (const group of groups) signalGroup(group, 'SIGTERM');
    const deadline = Date.now() + this.policy.stopGraceMs;
    const poll = () => {
      const alive = groups.filter(groupAlive);
      if (alive.length === 0 || Date.now() > deadline) {
        for (const group of alive) signalGroup(group, 'SIGKILL');
        this.#resolveDone(code);
        return;
      }
      setTimeout(poll, 100);
    };
    poll();
    return this.done;
  }

  /** SIGKILL to every process group at once (for process.on('exit'), which cannot wait). */
  killAll() {
    for (const unit of this.#units.values()) {
      if (unit.child?.pid) signalGroup(unit.child.pid, 'SIGKILL');
    }
  }

  /** Seconds since the supervisor was created, `12s`. */
  elapsed() {
    return `${Math.round((Date.now() - this.#startedAt) / 1000)}s`;
  }
}
