import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deleteSandboxSeries } from './prometheusHistory';

// A real Prometheus on D1's test port, with and without its admin API.
const PORT = 9190;
const url = `http://127.0.0.1:${PORT}`;
// Prometheus is a Debian package ./vigil test installs: without it this
// fails rather than skipping, as the other Prometheus suites do.

async function startPrometheus(adminApi: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-prom-'));
  const child = spawn(
    'prometheus',
    [
      // No scrapes: an empty configuration.
      '--config.file=/dev/null',
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${PORT}`,
      ...(adminApi ? ['--web.enable-admin-api'] : []),
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 200; i++) {
    const ready = await fetch(`${url}/-/ready`).then(
      r => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise(r => setTimeout(r, 100));
  }
  return {
    child,
    async stop() {
      const exited = new Promise(r => (child as ChildProcess).once('exit', r));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('deleteSandboxSeries against a real Prometheus', () => {
  it('deletes the sandbox series when the admin API is on', async () => {
    const prometheus = await startPrometheus(true);
    try {
      expect(await deleteSandboxSeries(url)).toEqual({
        deleted: true,
        detail:
          'deleted the series matching {job="sandbox"} and {sandbox="true"} from Prometheus',
      });
    } finally {
      await prometheus.stop();
    }
  });

  it('says how to turn the admin API on when it is off', async () => {
    const prometheus = await startPrometheus(false);
    try {
      const result = await deleteSandboxSeries(url);
      expect(result.deleted).toBe(false);
      expect(result.detail).toMatch(/VIGIL_PROMETHEUS_ADMIN_API=1/);
    } finally {
      await prometheus.stop();
    }
  });
});

describe('deleteSandboxSeries without Prometheus', () => {
  it('keeps the history and says Prometheus cannot be reached', async () => {
    // Nothing listens on port 1.
    const result = await deleteSandboxSeries('http://127.0.0.1:1');
    expect(result.deleted).toBe(false);
    expect(result.detail).toMatch(/cannot be reached/);
  });
});
