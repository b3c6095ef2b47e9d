// Files live in fresh temporary folders the test creates.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import type {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  CatalogFolderProvider,
  listServiceCatalogFiles,
} from './CatalogFolderProvider';

/** Records what the provider tells the catalog; `next()` awaits the next call. */
class RecordingConnection implements EntityProviderConnection {
  readonly mutations: EntityProviderMutation[] = [];
  readonly refreshes: string[][] = [];
  private waiting: (() => void)[] = [];

  async applyMutation(mutation: EntityProviderMutation) {
    this.mutations.push(mutation);
    this.wake();
  }
  async refresh(options: { keys: string[] }) {
    this.refreshes.push(options.keys);
    this.wake();
  }
  next() {
    return new Promise<void>(resolve => this.waiting.push(resolve));
  }
  private wake() {
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach(resolve => resolve());
  }
  /** The file targets of the last full mutation. */
  targets() {
    const last = this.mutations[this.mutations.length - 1];
    return last.type === 'full'
      ? last.entities.map(e => (e.entity.spec as { target: string }).target)
      : [];
  }
}

describe('CatalogFolderProvider', () => {
  let folder: string;
  let outside: string;
  let provider: CatalogFolderProvider;
  let connection: RecordingConnection;

  const addService = (name: string, content = 'kind: Component\n') => {
    fs.mkdirSync(path.join(folder, name), { recursive: true });
    fs.writeFileSync(path.join(folder, name, 'catalog-info.yaml'), content);
    return path.join(folder, name, 'catalog-info.yaml');
  };

  beforeEach(() => {
    folder = fs.realpathSync(
      fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-catalog-')),
    );
    outside = fs.realpathSync(
      fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-outside-')),
    );
    provider = new CatalogFolderProvider({
      catalogFolder: folder,
      logger: mockServices.logger.mock(),
      debounceMs: 20,
    });
    connection = new RecordingConnection();
  });
  afterEach(() => {
    provider.close();
    fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('lists only <service>/catalog-info.yaml of plain service folders', async () => {
    const a = addService('checkout-api');
    const b = addService('b2');
    addService('Not-A-Service');
    addService('with.dot');
    fs.mkdirSync(path.join(folder, 'no-entity'));
    fs.writeFileSync(path.join(folder, 'loose.yaml'), 'kind: Component\n');
    fs.writeFileSync(
      path.join(outside, 'catalog-info.yaml'),
      'kind: Location\n',
    );
    fs.symlinkSync(outside, path.join(folder, 'linked'));
    fs.mkdirSync(path.join(folder, 'file-link'));
    fs.symlinkSync(
      path.join(outside, 'catalog-info.yaml'),
      path.join(folder, 'file-link/catalog-info.yaml'),
    );
    expect(await listServiceCatalogFiles(folder)).toEqual([b, a]);
  });

  it('gives the catalog one optional file location per service on connect', async () => {
    const file = addService('checkout-api');
    await provider.connect(connection);
    expect(connection.mutations).toHaveLength(1);
    const [{ entity, locationKey }] = (connection.mutations[0] as any).entities;
    expect(locationKey).toBe('vigil-onboarding-catalog-folder');
    expect(entity).toMatchObject({
      kind: 'Location',
      spec: { type: 'file', target: file, presence: 'optional' },
    });
  });

  it('applies a change of the set only, and refreshes edited files', async () => {
    await provider.connect(connection);
    expect(connection.targets()).toEqual([]);
    const file = addService('checkout-api');
    await provider.scan();
    expect(connection.targets()).toEqual([file]);
    await provider.scan();
    expect(connection.mutations).toHaveLength(2);
    fs.rmSync(path.join(folder, 'checkout-api'), { recursive: true });
    await provider.scan();
    expect(connection.targets()).toEqual([]);
  });

  it('reads a new service as soon as the watch sees it', async () => {
    await provider.connect(connection);
    const added = connection.next();
    const file = addService('checkout-api');
    await added;
    expect(connection.targets()).toEqual([file]);

    // An edit of its catalog-info.yaml re-reads its entities.
    const refreshed = connection.next();
    fs.writeFileSync(file, 'kind: Component\n# edited\n');
    await refreshed;
    expect(connection.refreshes).toContainEqual([`file:${file}`]);
  });
});
