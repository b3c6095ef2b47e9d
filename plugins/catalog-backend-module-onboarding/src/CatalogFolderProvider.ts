import fs from 'node:fs';
import path from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { locationSpecToLocationEntity } from '@backstage/plugin-catalog-node';
import {
  SERVICE_FILES,
  unsafeServiceFolderReason,
} from '@vigil/backstage-plugin-onboarding-common';

/*
 * Only the configured catalog folder and its direct children, named as
 * services, are read: the non-literal file names are confined.
 */
/* eslint-disable security/detect-non-literal-fs-filename */

/**
 * The catalog files under the folder: `<name>/catalog-info.yaml` for each
 * child folder named as a service (symbolic links and other names skipped,
 * so nothing outside the folder becomes a location).
 */
export async function listServiceCatalogFiles(
  catalogFolder: string,
): Promise<string[]> {
  const entries = await fs.promises.readdir(catalogFolder, {
    withFileTypes: true,
  });
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || unsafeServiceFolderReason(entry.name)) continue;
    const file = path.join(
      catalogFolder,
      entry.name,
      SERVICE_FILES.catalogInfo,
    );
    try {
      if ((await fs.promises.lstat(file)).isFile()) files.push(file);
    } catch {
      // A folder being written: catalog-info.yaml comes last.
    }
  }
  return files.sort();
}

export interface CatalogFolderProviderOptions {
  catalogFolder: string;
  logger: LoggerService;
  /** Quiet time after a change before the folder is read. Default 200 ms. */
  debounceMs?: number;
}

/**
 * Reads the onboarding catalog folder as `file` locations, one per
 * `<name>/catalog-info.yaml`: a full mutation whenever the set changes
 * (new or removed services), and a refresh of a file's entities when the
 * file changes, both within a moment of the change through a watch on the
 * folder, with `scan()` (scheduled) as the backstop for missed events.
 * Users still cannot register file locations: only this folder is read.
 */
export class CatalogFolderProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private watcher?: fs.FSWatcher;
  private timer?: NodeJS.Timeout;
  // Undefined until the first scan, which always applies (clearing what an
  // earlier run left when the folder is now empty).
  private known?: string;
  private readonly changed = new Set<string>();
  private scanning: Promise<void> = Promise.resolve();

  constructor(private readonly options: CatalogFolderProviderOptions) {}

  getProviderName(): string {
    return 'vigil-onboarding-catalog-folder';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    this.watch();
    await this.scan();
  }

  /** Reads the folder; applies the locations when they changed. */
  scan(): Promise<void> {
    this.scanning = this.scanning
      .then(() => this.scanOnce())
      .catch(error =>
        this.options.logger.warn(`Could not read the catalog folder: ${error}`),
      );
    return this.scanning;
  }

  /** Stops watching (tests, shutdown). */
  close() {
    this.watcher?.close();
    clearTimeout(this.timer);
  }

  private async scanOnce() {
    if (!this.connection) return;
    const files = await listServiceCatalogFiles(this.options.catalogFolder);
    const changed = [...this.changed];
    this.changed.clear();
    const key = files.join('\n');
    if (key !== this.known) {
      await this.connection.applyMutation({
        type: 'full',
        entities: files.map(target => ({
          locationKey: this.getProviderName(),
          entity: locationSpecToLocationEntity({
            location: { type: 'file', target, presence: 'optional' },
          }),
        })),
      });
      this.known = key;
      this.options.logger.info(
        `Catalog folder: ${files.length} service(s) as file locations`,
      );
    }
    // Entities of edited files are re-read now, not at the next processing.
    const edited = changed.filter(file => files.includes(file));
    if (edited.length > 0) {
      await this.connection.refresh({
        keys: edited.map(file => `file:${file}`),
      });
    }
  }

  private watch() {
    const { catalogFolder } = this.options;
    try {
      this.watcher = fs.watch(catalogFolder, { recursive: true }, (_, name) => {
        if (name) {
          const [folder, ...rest] = String(name).split(path.sep);
          if (rest.join('/') === SERVICE_FILES.catalogInfo) {
            this.changed.add(
              path.join(catalogFolder, folder, SERVICE_FILES.catalogInfo),
            );
          }
        }
        clearTimeout(this.timer);
        this.timer = setTimeout(
          () => this.scan(),
          this.options.debounceMs ?? 200,
        );
      });
      this.watcher.on('error', error => {
        this.options.logger.warn(
          `Stopped watching the catalog folder (${error}); the periodic scan goes on`,
        );
      });
    } catch (error) {
      this.options.logger.warn(
        `Cannot watch the catalog folder (${error}); it is read periodically`,
      );
    }
  }
}
