import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  ServiceFile,
  SERVICE_FILES,
  unsafePathReason,
  unsafeServiceFolderReason,
} from '@vigil/backstage-plugin-onboarding-common';
import { parseAllDocuments } from 'yaml';

/*
 * Every path below is either the configured catalog folder or checked to
 * be inside it (resolveSafeChildPath resolves symbolic links), so the
 * non-literal file names the security lint flags are confined.
 */
/* eslint-disable security/detect-non-literal-fs-filename */

/** What an existing catalog-info.yaml describes, to compare with a new one. */
export interface FolderEntity {
  kind?: string;
  namespace?: string;
  name?: string;
  owner?: string;
}

const isMissing = (error: unknown) =>
  (error as NodeJS.ErrnoException)?.code === 'ENOENT';

function describeEntities(text: string): FolderEntity[] {
  return parseAllDocuments(text).map(doc => {
    const value = doc.toJS() ?? {};
    return {
      kind: String(value.kind ?? '').toLocaleLowerCase('en-US'),
      namespace: String(value.metadata?.namespace ?? 'default'),
      name: String(value.metadata?.name ?? ''),
      owner: String(value.spec?.owner ?? ''),
    };
  });
}

/**
 * One service's folder under the catalog folder: `<catalogFolder>/<name>/`.
 * Refuses names and paths that could leave the catalog folder, symbolic
 * links anywhere on the way, and an existing folder that belongs to
 * another entity (or the same entity under another owner).
 */
export class ServiceFolder {
  readonly path: string;

  constructor(readonly catalogFolder: string, readonly name: string) {
    const reason = unsafeServiceFolderReason(name);
    if (reason) {
      throw new NotAllowedError(
        `The service folder ${JSON.stringify(name)} ${reason}`,
      );
    }
    this.path = resolveSafeChildPath(catalogFolder, name);
    if (path.dirname(this.path) !== catalogFolder) {
      throw new NotAllowedError(
        `The service folder ${name} is not directly in the catalog folder`,
      );
    }
  }

  get catalogInfoPath(): string {
    return path.join(this.path, SERVICE_FILES.catalogInfo);
  }

  /**
   * Checks the folder may hold `expected`: missing, or a real folder whose
   * catalog-info.yaml describes the same Component with the same owner (a
   * template run again, or retried).
   */
  async checkWritable(expected: Required<FolderEntity>): Promise<void> {
    let stat;
    try {
      stat = await fs.lstat(this.path);
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    if (stat.isSymbolicLink() || !stat.isDirectory()) {
      throw new NotAllowedError(
        `${this.name} in the catalog folder is not a plain folder; refusing to write there`,
      );
    }
    let text: string;
    try {
      text = await fs.readFile(
        resolveSafeChildPath(this.path, SERVICE_FILES.catalogInfo),
        'utf8',
      );
    } catch (error) {
      if (!isMissing(error)) throw error;
      throw new ConflictError(
        `The folder ${this.name} already exists in the catalog folder without a catalog-info.yaml; choose another name`,
      );
    }
    const entities = describeEntities(text);
    const same =
      entities.length === 1 &&
      entities[0].kind === expected.kind &&
      entities[0].namespace === expected.namespace &&
      entities[0].name === expected.name &&
      entities[0].owner === expected.owner;
    if (!same) {
      throw new ConflictError(
        `The folder ${this.name} already holds another entity (or the same one under another owner); choose another name`,
      );
    }
  }

  /**
   * Writes the files, each to a temporary name then renamed into place: a
   * reader never sees half a file, and a symbolic link planted at a file's
   * name is replaced, never followed.
   */
  async write(files: ServiceFile[]): Promise<string[]> {
    await fs.mkdir(this.path, { recursive: true });
    const written: string[] = [];
    for (const file of files) {
      const reason = unsafePathReason(file.path);
      if (reason) {
        throw new NotAllowedError(
          `The file path ${JSON.stringify(file.path)} ${reason}`,
        );
      }
      const directory = resolveSafeChildPath(
        this.path,
        path.posix.dirname(file.path),
      );
      await fs.mkdir(directory, { recursive: true });
      // Checked again once its folders exist: a symbolic link among them
      // resolves outside and is refused.
      const target = resolveSafeChildPath(this.path, file.path);
      const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
      await fs.writeFile(temporary, file.content, { flag: 'wx', mode: 0o644 });
      await fs.rename(temporary, target);
      written.push(file.path);
    }
    return written;
  }
}
