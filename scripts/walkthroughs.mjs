#!/usr/bin/env node
// Records each role's guided tour in the running portal and stitches the
// screenshots into techdocs/docs/help/walkthroughs/<role>.gif, the animated
// walkthroughs of the help pages. Rerun it when the UI changes:
//   flock /tmp/vigil-platform.lock ./vigil start --built-app --no-demo-traffic
//   node scripts/walkthroughs.mjs            (another terminal)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  parseWalkthroughArgs,
  USAGE,
  WALKTHROUGH_ROLES,
} from './lib/walkthroughs/roles.mjs';
import {
  imageMagickVersion,
  placeholderGif,
  stitchGif,
} from './lib/walkthroughs/stitch.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function demoPassword() {
  if (process.env.VIGIL_OIDC_DEMO_PASSWORD) {
    return process.env.VIGIL_OIDC_DEMO_PASSWORD;
  }
  const file = path.join(root, '.data/oidc-demo-password');
  if (!fs.existsSync(file)) {
    throw new Error(
      '.data/oidc-demo-password is missing: start the portal with ./vigil start first',
    );
  }
  return fs.readFileSync(file, 'utf8').trim();
}

async function main() {
  const options = parseWalkthroughArgs(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (!(await imageMagickVersion())) {
    throw new Error(
      "ImageMagick's convert is needed to stitch the GIFs: apt-get install imagemagick",
    );
  }
  const outDir = path.resolve(root, options.out);
  fs.mkdirSync(outDir, { recursive: true });

  if (options.placeholders) {
    for (const role of options.roles) {
      const out = path.join(outDir, `${role}.gif`);
      if (fs.existsSync(out)) continue;
      const bytes = await placeholderGif(out, WALKTHROUGH_ROLES[role].title);
      console.log(
        `walkthroughs: ${path.relative(
          root,
          out,
        )} placeholder (${bytes} bytes)`,
      );
    }
    return;
  }

  // Loaded only when recording: the stitching and its tests need no browser.
  const { chromium } = await import('@playwright/test');
  const { LAUNCH_OPTIONS, recordTour, signIn } = await import(
    './lib/walkthroughs/record.mjs'
  );
  const password = demoPassword();
  const browser = await chromium.launch(LAUNCH_OPTIONS);
  const failed = [];
  try {
    for (const role of options.roles) {
      const { user } = WALKTHROUGH_ROLES[role];
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        deviceScaleFactor: 1,
        reducedMotion: 'reduce',
      });
      try {
        const page = await context.newPage();
        console.log(`walkthroughs: ${role} as ${user}`);
        await signIn(page, options.url, user, password);
        const { frames } = await recordTour(page, {
          baseUrl: options.url,
          role,
          framesDir: path.resolve(root, options.frames, role),
          maxSteps: options.maxSteps,
          log: line => console.log(line),
        });
        const out = path.join(outDir, `${role}.gif`);
        const gif = await stitchGif(frames, out);
        console.log(
          `walkthroughs: ${path.relative(root, out)}: ${
            gif.frames
          } steps, ${Math.round(gif.bytes / 1024)} KiB, ${gif.colors} colours`,
        );
      } catch (error) {
        failed.push(role);
        console.error(`walkthroughs: ${role} failed: ${error.message}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  if (failed.length > 0) {
    throw new Error(`not recorded: ${failed.join(', ')}`);
  }
}

main().catch(error => {
  console.error(`walkthroughs: ${error.message}`);
  process.exit(1);
});
