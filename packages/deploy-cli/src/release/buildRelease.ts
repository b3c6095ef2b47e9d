import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { BuiltRelease } from '../state/deployState';

/** The service this CLI releases, relative to the repository root. */
export const SERVICE_DIR = 'packages/scoring-api';

export class BuildError extends Error {}

export interface BuildOptions {
  /** Repository root. */
  root: string;
  /** Where releases go: `<releasesDir>/<version>/`. */
  releasesDir: string;
  /** A git ref (tag, branch, commit); undefined builds the working tree. */
  ref?: string;
  now?: () => Date;
}

function git(root: string, args: string[]): string {
  try {
    return execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new BuildError(
      `git ${args.join(' ')} failed: ${stderr || (error as Error).message}`,
    );
  }
}

/** Version of a build: package version + short commit (+ .dirty). */
export function releaseVersion(
  packageVersion: string,
  commit: string,
  dirty: boolean,
): string {
  return `${packageVersion}+${commit.slice(0, 7)}${dirty ? '.dirty' : ''}`;
}

// Every path below is the repository's or the CLI's own data directory.
/* eslint-disable security/detect-non-literal-fs-filename */

/**
 * Builds the scoring API into one node file: the working tree's sources, or
 * those of a git ref (`git archive` of packages/scoring-api into a scratch
 * directory), bundled with esbuild against the repository's node_modules.
 * Writes `<releasesDir>/<version>/scoring-api.cjs` and `release.json`.
 */
export async function buildRelease(
  options: BuildOptions,
): Promise<BuiltRelease> {
  const { root, ref } = options;
  const now = options.now ?? (() => new Date());
  const commit = git(root, [
    'rev-parse',
    '--verify',
    `${ref ?? 'HEAD'}^{commit}`,
  ]);
  const commitTime = new Date(
    git(root, ['show', '-s', '--format=%cI', commit]),
  ).toISOString();

  fs.mkdirSync(options.releasesDir, { recursive: true });
  let sourceDir = path.join(root, SERVICE_DIR);
  let scratch: string | undefined;
  let dirty = false;
  if (ref === undefined) {
    dirty = git(root, ['status', '--porcelain', '--', SERVICE_DIR]).length > 0;
  } else {
    scratch = fs.mkdtempSync(
      path.join(options.releasesDir, '..', `build-${commit.slice(0, 12)}-`),
    );
    const archive = path.join(scratch, 'source.tar');
    git(root, [
      'archive',
      '--format=tar',
      `--output=${archive}`,
      commit,
      SERVICE_DIR,
    ]);
    execFileSync('tar', ['-xf', archive, '-C', scratch]);
    sourceDir = path.join(scratch, SERVICE_DIR);
  }

  try {
    const packageJson = JSON.parse(
      fs.readFileSync(path.join(sourceDir, 'package.json'), 'utf8'),
    ) as { version: string };
    const version = releaseVersion(packageJson.version, commit, dirty);
    const outDir = path.join(options.releasesDir, version);
    const bundle = path.join(outDir, 'scoring-api.cjs');
    fs.mkdirSync(outDir, { recursive: true });
    try {
      await build({
        entryPoints: [path.join(sourceDir, 'src', 'index.ts')],
        outfile: bundle,
        bundle: true,
        platform: 'node',
        target: 'node22',
        format: 'cjs',
        sourcemap: 'inline',
        logLevel: 'silent',
        // Dependencies resolve from the repository's installs, whichever
        // directory the sources were extracted to.
        nodePaths: [
          path.join(root, SERVICE_DIR, 'node_modules'),
          path.join(root, 'node_modules'),
        ],
      });
    } catch (error) {
      const errors = (error as { errors?: Array<{ text: string }> }).errors;
      throw new BuildError(
        `esbuild could not bundle ${SERVICE_DIR}${ref ? ` at ${ref}` : ''}: ${
          errors?.map(e => e.text).join('; ') ?? (error as Error).message
        }`,
      );
    }
    const sha256 = crypto
      .createHash('sha256')
      .update(fs.readFileSync(bundle))
      .digest('hex');
    const release: BuiltRelease = {
      version,
      commit,
      commitTime,
      ...(ref !== undefined ? { ref } : {}),
      dirty,
      sha256,
      builtAt: now().toISOString(),
      bundle,
    };
    fs.writeFileSync(
      path.join(outDir, 'release.json'),
      `${JSON.stringify(release, null, 2)}\n`,
    );
    return release;
  } finally {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** The wire form of a release (records.ts releaseSchema). */
export function releaseForRecord(release: BuiltRelease) {
  return {
    version: release.version,
    commit: release.commit,
    ...(release.commitTime ? { commitTime: release.commitTime } : {}),
    ...(release.ref !== undefined ? { ref: release.ref } : {}),
    dirty: release.dirty,
  };
}
