import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import notificationsModuleEmail from '@backstage/plugin-notifications-backend-module-email';
import {
  NotificationService,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { DatabaseOnCallStore } from '../../database/DatabaseOnCallStore';
import type { OnCallStore } from '../../database/OnCallStore';
import { Pager } from './Pager';
import {
  ALICE,
  BOB,
  FakeDirectory,
  FakeOnCall,
  MINUTE,
  policy,
  SCORING,
  step,
  T0,
  testClock,
  user,
} from './__testUtils__/pagerFixtures';

/*
 * A page reaches a real SMTP server through Backstage's notifications
 * backend and its email module: Debian's aiosmtpd (for the system Python,
 * not pyenv's) stores each message it receives in a Maildir that the test
 * reads back.
 */
const PYTHON = '/usr/bin/python3';
const hasAiosmtpd =
  spawnSync(PYTHON, ['-c', 'import aiosmtpd'], { stdio: 'ignore' }).status ===
  0;
const runs = hasAiosmtpd || Boolean(process.env.CI);
if (!runs) {
  // eslint-disable-next-line no-console
  console.warn(
    `Skipping the email page test: ${PYTHON} has no aiosmtpd (apt-get install python3-aiosmtpd); under CI it runs and fails instead.`,
  );
}
const describeWithSmtp = runs ? describe : describe.skip;

const SENDER = 'vigil@example.com';

const users: Entity[] = [
  ['alice', 'alice@example.com'],
  ['bob', 'bob@example.com'],
].map(([name, email]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { email, displayName: name }, memberOf: [] },
}));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

const accepts = (port: number) =>
  new Promise<boolean>(resolve => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** The headers of a stored message (folded lines unfolded) and its body. */
function parseMessage(raw: string) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers.set(
        line.slice(0, colon).toLowerCase(),
        line.slice(colon + 1).trim(),
      );
    }
  }
  // Quoted-printable soft line breaks and escapes, enough to read a link.
  const body = rest
    .join('\n\n')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  return { headers, body };
}

describeWithSmtp('email pages through the notifications email module', () => {
  let smtp: ChildProcess | undefined;
  let mailDir: string;
  let port: number;

  beforeAll(async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-oncall-smtp-'));
    mailDir = path.join(tmp, 'Maildir');
    port = await freePort();
    smtp = spawn(
      PYTHON,
      [
        '-m',
        'aiosmtpd',
        '-n',
        '-l',
        `127.0.0.1:${port}`,
        '-c',
        'aiosmtpd.handlers.Mailbox',
        mailDir,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    smtp.stderr?.on('data', chunk => {
      stderr += chunk;
    });
    await waitFor(`the SMTP server on port ${port} (${stderr})`, async () =>
      (await accepts(port)) ? true : undefined,
    );
  }, 30_000);

  afterAll(async () => {
    if (smtp && smtp.exitCode === null) {
      const exited = new Promise(resolve => smtp!.once('exit', resolve));
      smtp.kill();
      await exited;
    }
    fs.rmSync(path.dirname(mailDir), { recursive: true, force: true });
  });

  // The test's own temporary Maildir.
  /* eslint-disable security/detect-non-literal-fs-filename */
  const received = () => {
    const dir = path.join(mailDir, 'new');
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .map(file => parseMessage(fs.readFileSync(path.join(dir, file), 'utf8')));
  };
  /* eslint-enable security/detect-non-literal-fs-filename */

  it('emails the people a page reaches, step by step, read back from the SMTP server', async () => {
    // A test-only plugin hands out the notifications service and a database,
    // as the on-call plugin receives them.
    let notifications: NotificationService | undefined;
    let store: OnCallStore | undefined;
    const grab = createBackendPlugin({
      pluginId: 'oncall',
      register(env) {
        env.registerInit({
          deps: {
            service: notificationService,
            database: coreServices.database,
          },
          async init({ service, database }) {
            notifications = service;
            store = await DatabaseOnCallStore.create({ database });
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        notificationsPlugin,
        notificationsModuleEmail,
        grab,
        catalogServiceMock.factory({ entities: users }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://vigil.example.com' },
            notifications: {
              processors: {
                email: {
                  transportConfig: {
                    transport: 'smtp',
                    hostname: '127.0.0.1',
                    port,
                    secure: false,
                  },
                  sender: SENDER,
                  throttleInterval: { milliseconds: 10 },
                },
              },
            },
          },
        }),
      ],
    });
    try {
      const clock = testClock();
      const pager = new Pager({
        clock,
        store: store!,
        onCall: new FakeOnCall(),
        directory: new FakeDirectory(
          policy([step(0, user(ALICE)), step(5, user(BOB))]),
        ),
        notifications: notifications!,
        logger: mockServices.logger.mock(),
        emailEnabled: true,
      });
      const outcome = await pager.open(
        {
          entityRef: SCORING,
          title: 'SEV2: Scoring API errors',
          description: 'Error ratio above 5% for 10 minutes',
          severity: 'high',
        },
        ALICE,
      );
      expect(outcome).toMatchObject({
        outcome: 'paged',
        pagedUserRefs: [ALICE],
      });

      const [message] = await waitFor('the page email', () => {
        const messages = received();
        return messages.length > 0 ? messages : undefined;
      });
      expect(message.headers.get('subject')).toBe(
        'Paged: SEV2: Scoring API errors',
      );
      expect(message.headers.get('to')).toBe('alice@example.com');
      expect(message.headers.get('x-rcptto')).toBe('alice@example.com');
      expect(message.headers.get('from')).toBe(SENDER);
      expect(message.body).toContain('Error ratio above 5% for 10 minutes');
      expect(message.body).toContain(
        `http://vigil.example.com/oncall/pages/${outcome.page!.id}`,
      );
      expect(
        (await store!.listDeliveries([outcome.page!.id])).map(d => d.channel),
      ).toEqual(expect.arrayContaining(['notification', 'email']));
      // Bob's step is 5 minutes out: no email to him before then.
      clock.set(T0 + 5 * MINUTE - 1);
      await pager.runDue();
      expect(received()).toHaveLength(1);
      clock.set(T0 + 5 * MINUTE);
      await pager.runDue();
      const escalated = await waitFor('the escalation email', () => {
        const messages = received();
        return messages.length > 1 ? messages : undefined;
      });
      expect(escalated.map(m => m.headers.get('to')).sort()).toEqual([
        'alice@example.com',
        'bob@example.com',
      ]);
      expect(escalated).toHaveLength(2);
    } finally {
      await backend.stop();
    }
  }, 60_000);
});
