import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  HaproxyRuntimeApi,
  HaproxyRuntimeError,
  ServerState,
  adminStateOf,
  isServerUp,
  parseServersState,
  parseStat,
} from './RuntimeApi';

// Answers of HAProxy 2.6 (Debian 12) to the commands the CLI sends.
const SERVERS_STATE = `1
# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port
3 scoring 1 blue 127.0.0.1 2 8 1 1 5 8 2 0 6 0 0 0 - 8081 - 0 0 - - 0
3 scoring 2 green 127.0.0.1 2 4 1 1 0 1 0 2 6 0 0 0 - 8082 - 0 0 - - 0

`;

const STAT = `# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status
scoring_api,FRONTEND,,,0,0,9984,0,0,0,0,0,0,,,,,OPEN,,,,,,,,,1,2,0,,,,0,0,0,0,
scoring,blue,0,0,3,5,,120,0,0,,0,,0,0,0,0,DRAIN,0,1,0,1,1,5,5,,1,3,1,,0,,2,0,,0,L7OK
scoring,green,0,0,0,0,,7,0,0,,0,,0,0,0,0,UP,1,1,0,0,0,5,5,,1,3,2,,0,,2,0,,0,L7OK
scoring,BACKEND,0,0,3,5,999,127,0,0,0,0,,0,0,0,0,UP,1,1,0,,1,5,5,,1,3,0,,0,,1,0,,0,
`;

const server = (op: number, admin: number): ServerState => ({
  backend: 'scoring',
  name: 'blue',
  address: '127.0.0.1',
  port: 8081,
  operationalState: op,
  adminState: admin,
  weight: 1,
});

describe('parsing the runtime API', () => {
  it('reads show servers state', () => {
    expect(parseServersState(SERVERS_STATE)).toEqual([
      {
        backend: 'scoring',
        name: 'blue',
        address: '127.0.0.1',
        port: 8081,
        operationalState: 2,
        adminState: 8,
        weight: 1,
      },
      {
        backend: 'scoring',
        name: 'green',
        address: '127.0.0.1',
        port: 8082,
        operationalState: 2,
        adminState: 4,
        weight: 1,
      },
    ]);
  });

  it('reads the server rows of show stat', () => {
    expect(parseStat(STAT)).toEqual([
      {
        backend: 'scoring',
        name: 'blue',
        status: 'DRAIN',
        currentSessions: 3,
        totalSessions: 120,
        weight: 0,
        checkStatus: 'L7OK',
      },
      {
        backend: 'scoring',
        name: 'green',
        status: 'UP',
        currentSessions: 0,
        totalSessions: 7,
        weight: 1,
        checkStatus: 'L7OK',
      },
    ]);
  });

  it.each(['Unknown command', ''])('refuses an answer like %j', answer => {
    expect(() => parseServersState(answer)).toThrow(HaproxyRuntimeError);
    expect(() => parseStat(answer)).toThrow(HaproxyRuntimeError);
  });

  it.each([
    [0, 'ready'],
    [4, 'ready'], // started `disabled`, made ready since
    [5, 'maint'],
    [1, 'maint'],
    [8, 'drain'],
    [0x10, 'drain'],
    [0x20, 'maint'],
    [9, 'maint'],
  ])('admin state %d is %s', (bits, expected) => {
    expect(adminStateOf(server(2, bits))).toBe(expected);
  });

  it.each([
    [0, false],
    [1, false],
    [2, true],
    [3, false],
  ])('operational state %d is up: %s', (op, up) => {
    expect(isServerUp(server(op, 0))).toBe(up);
  });
});

describe('HaproxyRuntimeApi on a unix socket', () => {
  let dir: string;
  let socketPath: string;
  let listener: net.Server;
  const received: string[] = [];
  const answers: Record<string, string> = {
    'get weight scoring/blue': '1 (initial 1)\n',
    'set server scoring/green state drain': '\n',
    'set server scoring/nope state ready': 'No such server.\n\n',
    'show servers state scoring': SERVERS_STATE,
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-api-'));
    socketPath = path.join(dir, 'admin.sock');
    listener = net.createServer(socket => {
      let text = '';
      socket.on('data', chunk => {
        text += chunk.toString();
      });
      socket.on('end', () => {
        const command = text.trim();
        received.push(command);
        socket.end(answers[command] ?? 'Unknown command.\n');
      });
    });
    await new Promise<void>(resolve => listener.listen(socketPath, resolve));
  });

  afterAll(async () => {
    await new Promise(resolve => listener.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends one command per connection and reads the answer', async () => {
    const api = new HaproxyRuntimeApi(socketPath);
    await expect(api.getWeight('scoring', 'blue')).resolves.toEqual({
      current: 1,
      initial: 1,
    });
    await expect(api.serverState('scoring', 'green')).resolves.toMatchObject({
      name: 'green',
      port: 8082,
    });
    await api.setServerState('scoring', 'green', 'drain');
    expect(received).toContain('set server scoring/green state drain');
  });

  it("reports HAProxy's refusal", async () => {
    const api = new HaproxyRuntimeApi(socketPath);
    await expect(
      api.setServerState('scoring', 'nope', 'ready'),
    ).rejects.toThrow(
      "HAProxy refused 'set server scoring/nope state ready': No such server.",
    );
  });

  it('refuses names that could smuggle another command', async () => {
    const api = new HaproxyRuntimeApi(socketPath);
    await expect(
      api.setServerState('scoring', 'blue\nshutdown frontend x', 'ready'),
    ).rejects.toThrow(/not a HAProxy backend or server name/);
  });

  it('says HAProxy is not running when the socket is missing', async () => {
    const api = new HaproxyRuntimeApi(path.join(dir, 'missing.sock'));
    await expect(api.serversState('scoring')).rejects.toThrow(
      /HAProxy is not running \(no runtime API at .*missing\.sock/,
    );
  });
});
