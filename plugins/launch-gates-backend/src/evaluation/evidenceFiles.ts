import fs from 'node:fs/promises';
import path from 'node:path';
import type { CheckProviderContext } from '@vigil/backstage-plugin-launch-gates-node';
import type { CycleMemo } from './CycleMemo';

/** A committed evidence file larger than this is not read (reports are KBs). */
export const MAX_EVIDENCE_FILE_BYTES = 5 * 1024 * 1024;

/** One part of a subdirectory: a plain name, not starting with a dot. */
const PART = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** `load-tests`, `drills`, `security/2026`: plain names, no `.` or `..` parts. */
function checkSubdirectory(subdirectory: string): void {
  if (!subdirectory.split('/').every(part => PART.test(part))) {
    throw new Error(
      `Not an evidence subdirectory: ${JSON.stringify(subdirectory)}`,
    );
  }
}

export interface EvidenceFilesOptions {
  /** `launchGates.evidence.directory`, resolved; unset: no file source. */
  directory?: string;
  /** `launchGates.evidence.linkBase`: where users open the files. */
  linkBase?: string;
  memo: CycleMemo;
}

/**
 * The committed evidence under the configured directory (the repository's
 * `validation/`). Paths are never built from input: a file is read only
 * when its name came from the listing of its directory, and the directory
 * is a plain relative name inside the root.
 */
export function createEvidenceFiles(
  options: EvidenceFilesOptions,
): CheckProviderContext<unknown>['evidenceFiles'] {
  const { memo, linkBase } = options;
  const root = options.directory ? path.resolve(options.directory) : undefined;

  const directoryOf = (subdirectory: string): string => {
    if (!root) {
      throw new Error(
        'no evidence directory is configured (launchGates.evidence.directory)',
      );
    }
    checkSubdirectory(subdirectory);
    const resolved = path.resolve(root, subdirectory);
    const relative = path.relative(root, resolved);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new Error(`Not inside the evidence directory: ${subdirectory}`);
    }
    return resolved;
  };

  const list = (subdirectory: string): Promise<string[]> =>
    memo.get(`evidence-list ${subdirectory}`, async () => {
      const directory = directoryOf(subdirectory);
      let entries: import('node:fs').Dirent[];
      try {
        // eslint-disable-next-line security/detect-non-literal-fs-filename -- checked above
        entries = await fs.readdir(directory, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw new Error(
          `cannot list ${subdirectory}/ of the evidence directory: ${
            (error as Error).message
          }`,
        );
      }
      return entries
        .filter(entry => entry.isFile() && !entry.name.startsWith('.'))
        .map(entry => entry.name)
        .sort();
    });

  const readJson = (subdirectory: string, name: string): Promise<unknown> =>
    memo.get(`evidence-json ${subdirectory}/${name}`, async () => {
      const names = await list(subdirectory);
      // The listing's own string, never the caller's: no path can sneak in.
      const listed = names.find(n => n === name);
      if (listed === undefined) {
        throw new Error(`no evidence file ${subdirectory}/${name}`);
      }
      const file = path.join(directoryOf(subdirectory), listed);
      // eslint-disable-next-line security/detect-non-literal-fs-filename -- a listed name
      const stat = await fs.stat(file);
      if (stat.size > MAX_EVIDENCE_FILE_BYTES) {
        throw new Error(
          `${subdirectory}/${listed} is ${stat.size} bytes, over the ${MAX_EVIDENCE_FILE_BYTES} read`,
        );
      }
      // eslint-disable-next-line security/detect-non-literal-fs-filename -- a listed name
      const text = await fs.readFile(file, 'utf8');
      try {
        return JSON.parse(text);
      } catch (error) {
        throw new Error(
          `${subdirectory}/${listed} is not valid JSON: ${
            (error as Error).message
          }`,
        );
      }
    });

  const linkTo = (subdirectory: string, name: string): string | undefined => {
    if (!linkBase) return undefined;
    checkSubdirectory(subdirectory);
    return `${linkBase.replace(/\/+$/, '')}/${subdirectory
      .split('/')
      .map(encodeURIComponent)
      .join('/')}/${encodeURIComponent(name)}`;
  };

  return { list, readJson, linkTo };
}
