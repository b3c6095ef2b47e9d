import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { promisify } from 'node:util';
import {
  parseWalkthroughArgs,
  WALKTHROUGH_ROLES,
} from '../lib/walkthroughs/roles.mjs';
import {
  convertArgs,
  imageMagickVersion,
  isPng,
  placeholderGif,
  stitchGif,
} from '../lib/walkthroughs/stitch.mjs';

const run = promisify(execFile);

function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-walkthroughs-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A screenshot-like PNG: a header bar, a card and a "tooltip" with text. */
async function screenshot(file, step) {
  await run('convert', [
    '-size',
    '1280x800',
    'xc:#fafafa',
    '-fill',
    '#1f3b57',
    '-draw',
    'rectangle 0,0 1280,96',
    '-fill',
    '#ffffff',
    '-draw',
    `rectangle 40,140 ${600 + step * 40},520`,
    '-fill',
    '#ffffff',
    '-stroke',
    '#888888',
    '-draw',
    `rectangle ${300 + step * 60},300 ${700 + step * 60},460`,
    '-stroke',
    'none',
    '-fill',
    '#222222',
    '-font',
    'DejaVu-Sans',
    '-pointsize',
    '24',
    '-annotate',
    `+${320 + step * 60}+350`,
    `Step ${step}: burn rates`,
    file,
  ]);
}

/** Frames, width and delays (cs) from ImageMagick's identify; the loop count from the bytes. */
async function describeGif(file) {
  const { stdout } = await run('identify', ['-format', '%w %h %T\n', file]);
  const lines = stdout
    .trim()
    .split('\n')
    .map(l => l.split(' '));
  // The NETSCAPE2.0 application block: sub-block 03 01, then the count (0 = forever).
  const bytes = fs.readFileSync(file);
  const at = bytes.indexOf('NETSCAPE2.0', 0, 'latin1');
  return {
    frames: lines.length,
    width: Number(lines[0][0]),
    delays: lines.map(l => Number(l[2])),
    loop: at < 0 ? undefined : bytes.readUInt16LE(at + 13),
  };
}

test('the command line: delays in centiseconds, the last step longer, shrink only', () => {
  assert.deepEqual(convertArgs(['a.png', 'b.png', 'c.png'], 'out.gif'), [
    '-delay',
    '300',
    'a.png',
    'b.png',
    '-delay',
    '500',
    'c.png',
    '-loop',
    '0',
    '-resize',
    '960x>',
    '+dither',
    '-colors',
    '64',
    '-layers',
    'Optimize',
    'out.gif',
  ]);
  assert.deepEqual(
    convertArgs(['only.png'], 'o.gif', {
      delayMs: 1000,
      lastDelayMs: 2000,
      width: 800,
      colors: 32,
    }).slice(0, 9),
    [
      '-delay',
      '100',
      '-delay',
      '200',
      'only.png',
      '-loop',
      '0',
      '-resize',
      '800x>',
    ],
  );
  assert.throws(() => convertArgs([], 'o.gif'), /no frames/);
});

test('options: roles checked, all roles by default, values required', () => {
  assert.deepEqual(
    parseWalkthroughArgs([]).roles,
    Object.keys(WALKTHROUGH_ROLES),
  );
  const o = parseWalkthroughArgs(
    [
      '--role',
      'sre',
      '--role',
      'admin',
      '--url',
      'http://localhost:3000/',
      '--max-steps',
      '5',
    ],
    { PLAYWRIGHT_URL: 'http://ignored' },
  );
  assert.deepEqual(
    [o.roles, o.url, o.maxSteps],
    [['sre', 'admin'], 'http://localhost:3000', 5],
  );
  assert.equal(
    parseWalkthroughArgs([], { PLAYWRIGHT_URL: 'http://x:1' }).url,
    'http://x:1',
  );
  assert.throws(
    () => parseWalkthroughArgs(['--role', 'ceo']),
    /unknown role ceo/,
  );
  assert.throws(() => parseWalkthroughArgs(['--url']), /--url needs a value/);
  assert.throws(() => parseWalkthroughArgs(['--max-steps', '0']), /positive/);
  assert.throws(() => parseWalkthroughArgs(['--frobnicate']), /unknown option/);
});

test('every role is taken by a demo user of catalog-info.yaml', () => {
  const catalog = fs.readFileSync(
    new URL('../../catalog-info.yaml', import.meta.url),
    'utf8',
  );
  for (const { user } of Object.values(WALKTHROUGH_ROLES)) {
    assert.match(
      catalog,
      new RegExp(`kind: User\\s+metadata:\\s+name: ${user}\\b`),
      user,
    );
  }
});

test('screenshots become one small looping GIF, 960 px wide', async t => {
  assert.ok(
    await imageMagickVersion(),
    "ImageMagick's convert is needed: apt-get install imagemagick",
  );
  const dir = tempDir(t);
  const frames = [];
  for (let step = 1; step <= 8; step++) {
    const file = path.join(dir, `step-${String(step).padStart(2, '0')}.png`);
    await screenshot(file, step);
    frames.push(file);
  }
  const out = path.join(dir, 'sre.gif');
  const result = await stitchGif(frames, out);

  assert.equal(
    fs.readFileSync(out).subarray(0, 6).toString('latin1'),
    'GIF89a',
  );
  assert.ok(result.bytes < 1_000_000, `${result.bytes} bytes`);
  assert.equal(result.bytes, fs.statSync(out).size);
  const gif = await describeGif(out);
  assert.equal(gif.frames, 8);
  assert.equal(gif.width, 960);
  assert.deepEqual(gif.delays, [300, 300, 300, 300, 300, 300, 300, 500]);
  assert.equal(gif.loop, 0);
});

test('halves the colours until the GIF fits, then says it cannot', async t => {
  const dir = tempDir(t);
  const frames = [path.join(dir, 'a.png'), path.join(dir, 'b.png')];
  await screenshot(frames[0], 1);
  await screenshot(frames[1], 2);
  const out = path.join(dir, 'tight.gif');
  const roomy = await stitchGif(frames, out);
  const fitted = await stitchGif(frames, out, { maxBytes: roomy.bytes - 1 });
  assert.ok(
    fitted.colors < 64 && fitted.bytes < roomy.bytes,
    JSON.stringify(fitted),
  );
  await assert.rejects(
    stitchGif(frames, out, { maxBytes: 100 }),
    /over 100: fewer or smaller frames/,
  );
});

test('refuses frames that are not PNG screenshots', async t => {
  const dir = tempDir(t);
  const html = path.join(dir, 'step-01.png');
  fs.writeFileSync(html, '<html>502 Bad Gateway</html>');
  assert.equal(isPng(html), false);
  await assert.rejects(
    stitchGif([html], path.join(dir, 'x.gif')),
    /not PNG screenshots: .*step-01\.png/,
  );
  await assert.rejects(
    stitchGif([path.join(dir, 'missing.png')], path.join(dir, 'x.gif')),
    /not PNG/,
  );
});

test('a placeholder says the walkthrough was not recorded yet', async t => {
  const dir = tempDir(t);
  const out = path.join(dir, 'admin.gif');
  const bytes = await placeholderGif(out, 'The portal admin tour');
  assert.ok(bytes > 0 && bytes < 50_000, `${bytes} bytes`);
  assert.deepEqual((await describeGif(out)).frames, 1);
});
