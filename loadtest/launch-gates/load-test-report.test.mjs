import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import {
  compactTimestamp,
  renderLoadTestMarkdown,
  writeLoadTestReport,
} from './load-test-report.mjs';
import { residentMemoryOf, sampleResidentMemory } from './memory-sampler.mjs';

const report = {
  schemaVersion: 1,
  kind: 'load-test',
  entityRef: 'component:default/scoring-api',
  ranAt: '2026-12-01T07:37:15.646Z',
  tool: 'autocannon (loadtest/scoring-api.mjs)',
  load: { url: 'http://127.0.0.1:8080/v1/score', connections: 20 },
  requests: 1000,
  errors: 2,
  latencyMs: { p50: 3, p95: 8, p99: 14 },
  peakMemoryBytes: 208703488,
  version: '0.1.0+93bd763',
};

test('reads resident memory from a Prometheus exposition', () => {
  assert.equal(
    residentMemoryOf(
      '# HELP process_resident_memory_bytes x\n# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes 208703488\nprocess_heap_bytes 1\n',
    ),
    208703488,
  );
  assert.equal(
    residentMemoryOf('process_resident_memory_bytes{color="blue"} 1.5e8\n'),
    1.5e8,
  );
  assert.equal(residentMemoryOf('process_heap_bytes 1\n'), undefined);
});

test('samples the peak from a real /metrics endpoint', async () => {
  const values = [100, 300, 200];
  let served = 0;
  const server = http.createServer((_req, res) => {
    const value = values[Math.min(served++, values.length - 1)];
    res.end(`process_resident_memory_bytes ${value}\n`);
  });
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  try {
    const sampler = sampleResidentMemory(
      `http://127.0.0.1:${server.address().port}/metrics`,
      20,
    );
    // Stop once three readings were served, not after a fixed time: a loaded
    // CI machine can take longer than a few intervals to serve them.
    while (served < values.length) await new Promise(r => setTimeout(r, 10));
    const { peakBytes, samples, failures } = await sampler.stop();
    assert.equal(peakBytes, 300);
    assert.ok(samples >= 3, `${samples} samples`);
    assert.equal(failures, 0);
  } finally {
    server.close();
  }
});

test('writes a valid report pair, never over an earlier one', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-test-report-'));
  try {
    const written = writeLoadTestReport(dir, report);
    assert.equal(
      path.basename(written.json),
      '20261201T073715Z-scoring-api.json',
    );
    assert.deepEqual(JSON.parse(fs.readFileSync(written.json, 'utf8')), report);
    assert.equal(
      fs.readFileSync(written.markdown, 'utf8'),
      renderLoadTestMarkdown(report),
    );
    assert.throws(() => writeLoadTestReport(dir, report), /EEXIST/);
    assert.throws(
      () => writeLoadTestReport(dir, { ...report, peakMemoryBytes: -1 }),
      /does not match its schema: peakMemoryBytes/,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the Markdown shows the figures', () => {
  const markdown = renderLoadTestMarkdown(report);
  const rows = markdown
    .split('\n')
    .filter(l => l.startsWith('|'))
    .map(l => l.replace(/ {2,}/g, ' '));
  assert.ok(rows.includes('| Latency p95 | 8 ms |'));
  assert.ok(
    rows.includes(
      '| Errors (non-2xx, socket errors, timeouts) | 2 (0.200 %) |',
    ),
  );
  assert.ok(
    rows.includes('| Peak resident memory | 208703488 bytes (199.0 MiB) |'),
  );
  assert.equal(compactTimestamp(report.ranAt), '20261201T073715Z');
});
