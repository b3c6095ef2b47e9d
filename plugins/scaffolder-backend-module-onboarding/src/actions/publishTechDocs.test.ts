// Files live in fresh temporary folders the test creates.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { Publisher, TechdocsGenerator } from '@backstage/plugin-techdocs-node';
import {
  MemoryCatalog,
  SERVICE_INPUT,
  temporaryFolder,
} from '../__testUtils__/fixtures';
import { createPublishTechDocsAction } from './publishTechDocs';
import { createWriteServiceAction } from './writeService';

// Real mkdocs (Debian's, with mkdocs-material) and the local publisher, as
// the portal is configured (app-config.yaml techdocs).
describe('vigil:techdocs:publish', () => {
  let root: ReturnType<typeof temporaryFolder>;
  let catalogFolder: string;
  let publishDirectory: string;
  let catalog: MemoryCatalog;
  let action: ReturnType<typeof createPublishTechDocsAction>;

  beforeEach(async () => {
    root = temporaryFolder();
    catalogFolder = path.join(root.folder, 'catalog');
    publishDirectory = path.join(root.folder, 'published');
    fs.mkdirSync(catalogFolder);
    fs.mkdirSync(publishDirectory);
    catalog = new MemoryCatalog();
    const config = new ConfigReader({
      techdocs: {
        builder: 'external',
        generator: { runIn: 'local', mkdocs: { omitTechdocsCorePlugin: true } },
        publisher: { type: 'local', local: { publishDirectory } },
      },
    });
    const logger = mockServices.logger.mock();
    action = createPublishTechDocsAction({
      catalogFolder,
      catalog,
      generator: TechdocsGenerator.fromConfig(config, { logger }),
      publisher: await Publisher.fromConfig(config, {
        logger,
        discovery: mockServices.discovery(),
      }),
      catalogWaitMs: 0,
      pollMs: 1,
    });
    await createWriteServiceAction({ catalogFolder, catalog }).handler(
      createMockActionContext({ input: SERVICE_INPUT as any }),
    );
  });
  afterEach(() => root.cleanup());

  const run = (name: string) => {
    const ctx = createMockActionContext({ input: { name } });
    ctx.createTemporaryDirectory = async () =>
      fs.mkdtempSync(path.join(root.folder, 'tmp-'));
    return action.handler(ctx).then(() => ctx);
  };

  it('builds the runbook with mkdocs and publishes it for the entity', async () => {
    catalog.add(
      'checkout-api',
      path.join(catalogFolder, 'checkout-api/catalog-info.yaml'),
    );
    const ctx = await run('checkout-api');
    const site = path.join(publishDirectory, 'default/component/checkout-api');
    expect(fs.readFileSync(path.join(site, 'index.html'), 'utf8')).toContain(
      'When the availability SLO burns',
    );
    expect(
      JSON.parse(
        fs.readFileSync(path.join(site, 'techdocs_metadata.json'), 'utf8'),
      ),
    ).toMatchObject({
      site_name: 'Checkout API runbook',
      site_description: 'Takes the payment',
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'docsPath',
      '/docs/default/component/checkout-api',
    );
    // The source folder is as the template wrote it (mkdocs built a copy).
    expect(
      fs.readdirSync(path.join(catalogFolder, 'checkout-api')).sort(),
    ).toEqual([
      'catalog-info.yaml',
      'docs',
      'mkdocs.yml',
      'oncall.yaml',
      'slo.yaml',
    ]);
  });

  it('never publishes over the docs of an entity from another source', async () => {
    catalog.add('checkout-api', '/elsewhere/catalog-info.yaml');
    await expect(run('checkout-api')).rejects.toThrow(
      /comes from file:\/elsewhere\/catalog-info.yaml, not from the catalog folder/,
    );
    expect(fs.readdirSync(publishDirectory)).toEqual([]);
  });

  it('says so when the catalog has not read the entity', async () => {
    await expect(run('checkout-api')).rejects.toThrow(
      /The catalog has not read component:default\/checkout-api/,
    );
  });

  it.each([['../escape'], ['/etc']])('refuses the name %j', async name => {
    await expect(run(name)).rejects.toThrow(/not a service name/);
  });
});
