// Stitches a tour's screenshots into one small animated GIF with ImageMagick
// (Debian's `convert`): scaled to a readable width, few colours and frame
// optimisation keep a ten-step tour well under 1 MB, small enough to commit
// beside the help pages and to load in TechDocs.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The defaults: ~960 px wide, 3 s a step, the last one 5 s, 64 colours. */
export const GIF_DEFAULTS = Object.freeze({
  width: 960,
  delayMs: 3000,
  lastDelayMs: 5000,
  colors: 64,
  maxBytes: 1_000_000,
});

const PNG_SIGNATURE = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
]);

/** Whether `file` starts like a PNG (a screenshot, not an error page saved as .png). */
export function isPng(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(8);
    return fs.readSync(fd, head, 0, 8, 0) === 8 && head.equals(PNG_SIGNATURE);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The `convert` arguments for frames shown `delayMs` each (the last one
 * `lastDelayMs`), looping forever. GIF delays are in hundredths of a second.
 * Pure, so the command line is checked without running it.
 */
export function convertArgs(frames, out, options = {}) {
  const o = { ...GIF_DEFAULTS, ...options };
  if (frames.length === 0) throw new Error('no frames to stitch');
  const cs = ms => String(Math.max(1, Math.round(ms / 10)));
  const last = frames.length - 1;
  return [
    '-delay',
    cs(o.delayMs),
    ...frames.slice(0, last),
    '-delay',
    cs(o.lastDelayMs),
    frames[last],
    '-loop',
    '0',
    // Only ever shrink ('>'): a narrow screenshot stays sharp.
    '-resize',
    `${o.width}x>`,
    // No dithering: flat UI colours compress far better without noise.
    '+dither',
    '-colors',
    String(o.colors),
    '-layers',
    'Optimize',
    out,
  ];
}

/** Whether the `convert` on the PATH is ImageMagick's. */
export async function imageMagickVersion() {
  try {
    const { stdout } = await run('convert', ['-version']);
    const match = /ImageMagick (\S+)/.exec(stdout);
    return match ? match[1] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes `out` from the PNG `frames`. When the GIF is over `maxBytes` it is
 * made again with half the colours (down to 16), and an error says so if it
 * still is. Returns `{ bytes, colors, frames }`.
 */
export async function stitchGif(frames, out, options = {}) {
  const o = { ...GIF_DEFAULTS, ...options };
  const bad = frames.filter(f => !fs.existsSync(f) || !isPng(f));
  if (bad.length > 0) throw new Error(`not PNG screenshots: ${bad.join(', ')}`);
  for (let colors = o.colors; ; colors = Math.floor(colors / 2)) {
    await run('convert', convertArgs(frames, out, { ...o, colors }), {
      maxBuffer: 16 * 1024 * 1024,
    });
    const bytes = fs.statSync(out).size;
    if (bytes <= o.maxBytes) return { bytes, colors, frames: frames.length };
    if (colors / 2 < 16) {
      throw new Error(
        `${out} is ${bytes} bytes with ${colors} colours, over ${o.maxBytes}: fewer or smaller frames needed`,
      );
    }
  }
}

/**
 * A one-frame GIF that says the walkthrough was not recorded yet, so the help
 * pages never show a broken image before the script has run.
 */
export async function placeholderGif(out, title, options = {}) {
  const o = { ...GIF_DEFAULTS, ...options };
  await run('convert', [
    '-size',
    `${o.width}x180`,
    'xc:#f5f5f5',
    '-font',
    'DejaVu-Sans',
    '-fill',
    '#333333',
    '-pointsize',
    '28',
    '-annotate',
    '+32+70',
    title,
    '-pointsize',
    '18',
    '-annotate',
    '+32+120',
    'Not recorded yet: run `node scripts/walkthroughs.mjs` with the portal running.',
    '-colors',
    '16',
    out,
  ]);
  return fs.statSync(out).size;
}
