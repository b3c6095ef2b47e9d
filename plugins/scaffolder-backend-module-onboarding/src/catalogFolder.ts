import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '@backstage/config';

/** The default catalog folder, relative to packages/backend. */
export const DEFAULT_CATALOG_FOLDER = '../../.data/catalog';

/**
 * The catalog folder as an absolute path without symbolic links (created
 * when missing), so path checks compare real paths. The catalog module
 * resolves it the same way.
 */
export function resolveCatalogFolder(config: Config): string {
  const configured =
    config.getOptionalString('vigil.onboarding.catalogFolder') ??
    DEFAULT_CATALOG_FOLDER;
  const folder = path.resolve(configured);
  // The folder comes from the portal's configuration, not from a user.
  // eslint-disable-next-line security/detect-non-literal-fs-filename
  fs.mkdirSync(folder, { recursive: true });
  // eslint-disable-next-line security/detect-non-literal-fs-filename
  return fs.realpathSync(folder);
}
