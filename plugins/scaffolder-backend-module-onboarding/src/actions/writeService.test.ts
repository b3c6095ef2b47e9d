// Files live in fresh temporary folders the test creates.
/* eslint-disable security/detect-non-literal-fs-filename */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parse } from 'yaml';
import {
  MemoryCatalog,
  SERVICE_INPUT,
  temporaryFolder,
} from '../__testUtils__/fixtures';
import { createWriteServiceAction } from './writeService';

const repoRoot = path.resolve(__dirname, '../../../..');

describe('vigil:catalog-folder:write-service', () => {
  let root: ReturnType<typeof temporaryFolder>;
  let outside: ReturnType<typeof temporaryFolder>;
  let catalogFolder: string;
  let catalog: MemoryCatalog;
  let action: ReturnType<typeof createWriteServiceAction>;

  beforeEach(() => {
    root = temporaryFolder();
    outside = temporaryFolder('vigil-outside-');
    catalogFolder = path.join(root.folder, 'catalog');
    fs.mkdirSync(catalogFolder);
    catalog = new MemoryCatalog();
    action = createWriteServiceAction({
      catalogFolder,
      catalog,
      portalBaseUrl: 'http://localhost:3000',
      today: () => '2026-03-02',
    });
  });
  afterEach(() => {
    root.cleanup();
    outside.cleanup();
  });

  const run = (input: Record<string, unknown>, extra: object = {}) => {
    const ctx = createMockActionContext({
      input: input as any,
      user: { ref: 'user:default/carol' },
    });
    Object.assign(ctx, extra);
    return action.handler(ctx).then(() => ctx);
  };
  const tree = (folder: string): string[] =>
    fs
      .readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter(e => !e.isDirectory())
      .map(e => path.relative(folder, path.join(e.parentPath, e.name)))
      .sort();

  it('writes the service folder, a valid SLO spec among it', async () => {
    const ctx = await run(SERVICE_INPUT);
    const folder = path.join(catalogFolder, 'checkout-api');
    expect(tree(catalogFolder)).toEqual([
      'checkout-api/catalog-info.yaml',
      'checkout-api/docs/index.md',
      'checkout-api/mkdocs.yml',
      'checkout-api/oncall.yaml',
      'checkout-api/slo.yaml',
    ]);
    const entity = parse(
      fs.readFileSync(path.join(folder, 'catalog-info.yaml'), 'utf8'),
    );
    expect(entity.metadata).toMatchObject({
      name: 'checkout-api',
      namespace: 'default',
    });
    expect(
      parse(fs.readFileSync(path.join(folder, 'oncall.yaml'), 'utf8')).schedule
        .layers[0].participants,
    ).toEqual(['user:default/carol']);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/checkout-api',
    );
    expect(ctx.output).toHaveBeenCalledWith('folder', 'checkout-api');

    // The repository's SLO CLI accepts the spec as it accepts the scoring API's.
    const { stdout } = await promisify(execFile)(
      path.join(repoRoot, 'packages/slo-cli/bin/vigil-slo'),
      ['validate', '--input', path.join(folder, 'slo.yaml')],
    );
    expect(stdout).toContain('2 valid SLO(s)');
  });

  it('writes into the task workspace for publish:* when asked to', async () => {
    const workspace = path.join(root.folder, 'workspace');
    fs.mkdirSync(workspace);
    await run(
      { ...SERVICE_INPUT, destination: 'workspace' },
      { workspacePath: workspace },
    );
    expect(tree(workspace)).toContain('checkout-api/catalog-info.yaml');
    expect(tree(catalogFolder)).toEqual([]);
  });

  it('writes nothing on a dry run', async () => {
    const ctx = await run(SERVICE_INPUT, { isDryRun: true });
    expect(tree(catalogFolder)).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith(
      'files',
      expect.arrayContaining(['catalog-info.yaml']),
    );
  });

  it('runs again for the same entity and owner, replacing its files', async () => {
    await run(SERVICE_INPUT);
    catalog.add(
      'checkout-api',
      path.join(catalogFolder, 'checkout-api/catalog-info.yaml'),
    );
    await run({ ...SERVICE_INPUT, title: 'Checkout' });
    const text = fs.readFileSync(
      path.join(catalogFolder, 'checkout-api/catalog-info.yaml'),
      'utf8',
    );
    expect(parse(text).metadata.title).toBe('Checkout');
  });

  it.each<[string, (folder: string) => void, RegExp]>([
    [
      'the same name under another owner',
      folder => {
        fs.mkdirSync(folder);
        fs.writeFileSync(
          path.join(folder, 'catalog-info.yaml'),
          'kind: Component\nmetadata: { name: checkout-api }\nspec: { owner: group:default/sre }\n',
        );
      },
      /already holds another entity/,
    ],
    [
      'another entity',
      folder => {
        fs.mkdirSync(folder);
        fs.writeFileSync(
          path.join(folder, 'catalog-info.yaml'),
          'kind: Component\nmetadata: { name: other }\nspec: { owner: group:default/payments }\n',
        );
      },
      /already holds another entity/,
    ],
    [
      'a folder without an entity',
      folder => fs.mkdirSync(folder),
      /without a catalog-info.yaml/,
    ],
    [
      'a file of that name',
      folder => fs.writeFileSync(folder, 'x'),
      /not a plain folder/,
    ],
  ])('refuses an existing folder holding %s', async (_, prepare, message) => {
    prepare(path.join(catalogFolder, 'checkout-api'));
    const before = tree(catalogFolder);
    await expect(run(SERVICE_INPUT)).rejects.toThrow(message);
    expect(tree(catalogFolder)).toEqual(before);
  });

  it('refuses a name the catalog already has from another source', async () => {
    catalog.add('checkout-api', '/work/main/catalog-info.yaml');
    await expect(run(SERVICE_INPUT)).rejects.toThrow(
      /component:default\/checkout-api already exists in the catalog \(file:\/work\/main\/catalog-info.yaml\)/,
    );
    expect(tree(catalogFolder)).toEqual([]);
  });

  describe('path traversal', () => {
    it.each([
      ['../escape'],
      ['..'],
      ['.'],
      ['/etc'],
      ['a/../../escape'],
      ['checkout/../../../tmp'],
      ['..%2fescape'],
      ['C:\\Windows'],
      ['a\u0000b'],
    ])('refuses the name %j before touching the disk', async name => {
      await expect(run({ ...SERVICE_INPUT, name })).rejects.toThrow(
        /name: must be lower-case letters/,
      );
      expect(fs.readdirSync(root.folder)).toEqual(['catalog']);
      expect(tree(catalogFolder)).toEqual([]);
    });

    it('refuses a service folder that is a symbolic link out of the catalog folder', async () => {
      fs.symlinkSync(outside.folder, path.join(catalogFolder, 'checkout-api'));
      await expect(run(SERVICE_INPUT)).rejects.toThrow(/outside its parent/);
      expect(tree(outside.folder)).toEqual([]);
    });

    it('refuses a service folder that is a symbolic link inside the catalog folder', async () => {
      fs.mkdirSync(path.join(catalogFolder, 'other'));
      fs.symlinkSync(
        path.join(catalogFolder, 'other'),
        path.join(catalogFolder, 'checkout-api'),
      );
      await expect(run(SERVICE_INPUT)).rejects.toThrow(/not a plain folder/);
      expect(tree(path.join(catalogFolder, 'other'))).toEqual([]);
    });

    it.each([
      ['docs', (o: string) => o],
      ['slo.yaml', (o: string) => path.join(o, 'slo.yaml')],
      ['catalog-info.yaml', (o: string) => path.join(o, 'catalog-info.yaml')],
    ])(
      'never writes through a symbolic link at %s leading out',
      async (at, target) => {
        // An earlier run of the same entity, then a link planted in its folder.
        await run(SERVICE_INPUT);
        catalog.add(
          'checkout-api',
          path.join(catalogFolder, 'checkout-api/catalog-info.yaml'),
        );
        const planted = path.join(catalogFolder, 'checkout-api', at);
        fs.rmSync(planted, { recursive: true, force: true });
        if (at === 'catalog-info.yaml') {
          // Still describing the same entity, so only the link is in the way.
          fs.writeFileSync(
            path.join(outside.folder, 'catalog-info.yaml'),
            'kind: Component\nmetadata: { name: checkout-api }\nspec: { owner: group:default/payments }\n',
          );
        }
        fs.symlinkSync(target(outside.folder), planted);
        const before = tree(outside.folder);
        await expect(run(SERVICE_INPUT)).rejects.toThrow(/outside its parent/);
        expect(tree(outside.folder)).toEqual(before);
      },
    );
  });
});
