import net from 'node:net';

/** A server's administrative state as the runtime API sets it. */
export type ServerAdminState = 'ready' | 'drain' | 'maint';

/** One line of `show servers state` (format 1), the fields the CLI uses. */
export interface ServerState {
  backend: string;
  name: string;
  address: string;
  port: number;
  /** 0 stopped (DOWN), 1 starting, 2 running (UP), 3 stopping. */
  operationalState: number;
  /**
   * Bit field: 0x01 forced, 0x02 inherited, 0x20 resolution, 0x40 hostname
   * maintenance; 0x08 forced, 0x10 inherited drain; 0x04 only says the
   * configuration started it in maintenance (`disabled`) and stays set.
   */
  adminState: number;
  weight: number;
}

/** One server row of `show stat` (CSV), the fields the CLI uses. */
export interface ServerStat {
  backend: string;
  name: string;
  /** `UP`, `DOWN`, `MAINT`, `DRAIN`, `UP 1/2` (going down)... */
  status: string;
  /** Connections open to the server now. */
  currentSessions: number;
  /** Connections ever opened to it. */
  totalSessions: number;
  weight: number;
  /** Last health check result, e.g. `L7OK`. */
  checkStatus: string;
}

const MAINT_BITS = 0x01 | 0x02 | 0x20 | 0x40;
const DRAIN_BITS = 0x08 | 0x10;

/** The state a server is in, in the runtime API's own words. */
export function adminStateOf(server: ServerState): ServerAdminState {
  if (server.adminState & MAINT_BITS) return 'maint';
  if (server.adminState & DRAIN_BITS) return 'drain';
  return 'ready';
}

/** Whether health checks find the server up. */
export function isServerUp(server: ServerState): boolean {
  return server.operationalState === 2;
}

export class HaproxyRuntimeError extends Error {}

/** Parses `show servers state` (format 1, a header line naming the columns). */
export function parseServersState(text: string): ServerState[] {
  const lines = text.split('\n').map(l => l.trim());
  const header = lines.find(l => l.startsWith('# be_id'));
  if (!header) {
    throw new HaproxyRuntimeError(
      `unexpected 'show servers state' answer: ${text.slice(0, 200)}`,
    );
  }
  const columns = header.slice(2).split(/\s+/);
  const at = (name: string) => columns.indexOf(name);
  return lines
    .filter(l => l && !l.startsWith('#') && /^\d+ /.test(l))
    .map(line => {
      const f = line.split(/\s+/);
      return {
        backend: f[at('be_name')],
        name: f[at('srv_name')],
        address: f[at('srv_addr')],
        port: Number(f[at('srv_port')]),
        operationalState: Number(f[at('srv_op_state')]),
        adminState: Number(f[at('srv_admin_state')]),
        weight: Number(f[at('srv_uweight')]),
      };
    });
}

/** Parses `show stat` CSV into its server rows (not FRONTEND/BACKEND). */
export function parseStat(text: string): ServerStat[] {
  const lines = text.split('\n').filter(l => l.trim());
  if (!lines[0]?.startsWith('# ')) {
    throw new HaproxyRuntimeError(
      `unexpected 'show stat' answer: ${text.slice(0, 200)}`,
    );
  }
  const columns = lines[0].slice(2).split(',');
  const at = (name: string) => columns.indexOf(name);
  return lines
    .slice(1)
    .map(l => l.split(','))
    .filter(
      f => f[at('svname')] !== 'FRONTEND' && f[at('svname')] !== 'BACKEND',
    )
    .map(f => ({
      backend: f[at('pxname')],
      name: f[at('svname')],
      status: f[at('status')],
      currentSessions: Number(f[at('scur')] || 0),
      totalSessions: Number(f[at('stot')] || 0),
      weight: Number(f[at('weight')] || 0),
      checkStatus: f[at('check_status')] ?? '',
    }));
}

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Client of HAProxy's runtime API on its admin unix socket: one command per
 * connection (the socket's non-interactive mode), answer read to the end.
 */
export class HaproxyRuntimeApi {
  constructor(
    readonly socketPath: string,
    private readonly options: { timeoutMs?: number } = {},
  ) {}

  /** Sends one command and resolves with HAProxy's answer. */
  command(command: string): Promise<string> {
    const timeoutMs = this.options.timeoutMs ?? 5000;
    return new Promise((resolve, reject) => {
      const socket = net.createConnection(this.socketPath);
      const chunks: Buffer[] = [];
      socket.setTimeout(timeoutMs, () => {
        socket.destroy();
        reject(
          new HaproxyRuntimeError(
            `HAProxy's runtime API at ${this.socketPath} did not answer '${command}' within ${timeoutMs} ms`,
          ),
        );
      });
      socket.on('connect', () => socket.end(`${command}\n`));
      socket.on('data', chunk => chunks.push(Buffer.from(chunk)));
      socket.on('error', error => {
        const code = (error as NodeJS.ErrnoException).code;
        reject(
          new HaproxyRuntimeError(
            code === 'ENOENT' || code === 'ECONNREFUSED'
              ? `HAProxy is not running (no runtime API at ${this.socketPath}; ./vigil start runs it)`
              : `HAProxy's runtime API at ${this.socketPath}: ${error.message}`,
          ),
        );
      });
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  }

  async serversState(backend: string): Promise<ServerState[]> {
    assertName(backend);
    return parseServersState(
      await this.command(`show servers state ${backend}`),
    );
  }

  async serverState(backend: string, server: string): Promise<ServerState> {
    const found = (await this.serversState(backend)).find(
      s => s.name === server,
    );
    if (!found) {
      throw new HaproxyRuntimeError(
        `HAProxy has no server ${backend}/${server}`,
      );
    }
    return found;
  }

  async stat(): Promise<ServerStat[]> {
    return parseStat(await this.command('show stat'));
  }

  async serverStat(backend: string, server: string): Promise<ServerStat> {
    const found = (await this.stat()).find(
      s => s.backend === backend && s.name === server,
    );
    if (!found) {
      throw new HaproxyRuntimeError(
        `HAProxy has no server ${backend}/${server}`,
      );
    }
    return found;
  }

  /** `set server <backend>/<server> state ready|drain|maint`. */
  async setServerState(
    backend: string,
    server: string,
    state: ServerAdminState,
  ): Promise<void> {
    assertName(backend);
    assertName(server);
    const answer = (
      await this.command(`set server ${backend}/${server} state ${state}`)
    ).trim();
    // Success is an empty answer; anything else is HAProxy's complaint.
    if (answer) {
      throw new HaproxyRuntimeError(
        `HAProxy refused 'set server ${backend}/${server} state ${state}': ${answer}`,
      );
    }
  }

  /** `get weight`: the current and initial weight. */
  async getWeight(
    backend: string,
    server: string,
  ): Promise<{ current: number; initial: number }> {
    assertName(backend);
    assertName(server);
    const answer = await this.command(`get weight ${backend}/${server}`);
    const match = /^(\d+) \(initial (\d+)\)/.exec(answer.trim());
    if (!match) {
      throw new HaproxyRuntimeError(
        `unexpected 'get weight' answer: ${answer.trim()}`,
      );
    }
    return { current: Number(match[1]), initial: Number(match[2]) };
  }

  /**
   * Polls the server until `condition` holds; throws with the last state
   * seen when it does not within `timeoutMs`.
   */
  async waitForServer(
    backend: string,
    server: string,
    condition: (state: ServerState, stat: ServerStat) => boolean,
    options: { timeoutMs: number; what: string; intervalMs?: number },
  ): Promise<void> {
    const deadline = Date.now() + options.timeoutMs;
    let last = '';
    for (;;) {
      const state = await this.serverState(backend, server);
      const stat = await this.serverStat(backend, server);
      if (condition(state, stat)) return;
      last = `${stat.status}, ${
        stat.currentSessions
      } open connections, last check ${stat.checkStatus || 'none'}`;
      if (Date.now() > deadline) {
        throw new HaproxyRuntimeError(
          `${backend}/${server} did not become ${options.what} within ${options.timeoutMs} ms (${last})`,
        );
      }
      await new Promise(r => setTimeout(r, options.intervalMs ?? 200));
    }
  }
}

function assertName(name: string) {
  if (!NAME.test(name)) {
    throw new HaproxyRuntimeError(
      `not a HAProxy backend or server name: ${name}`,
    );
  }
}
