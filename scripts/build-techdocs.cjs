// Builds and publishes the TechDocs sites of the entities in catalog-info.yaml
// with the same generator and publisher the backend uses (techdocs-node, read
// from app-config), before the backend starts: the search collator then finds
// the runbooks on its first run instead of after a reader has opened each site.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { PassThrough } = require('node:stream');
const { parseAllDocuments } = require('yaml');
const { ConfigSources } = require('@backstage/config-loader');
const {
  TechdocsGenerator,
  Publisher,
} = require('@backstage/plugin-techdocs-node');

const root = path.resolve(__dirname, '..');
// Relative paths in app-config (publishDirectory) are the backend's.
process.chdir(path.join(root, 'packages/backend'));

const logger = {
  error: (m, meta) => console.error(`techdocs: ${m}`, meta ?? ''),
  warn: m => console.warn(`techdocs: ${m}`),
  info: () => {},
  debug: () => {},
  child() {
    return logger;
  },
};

async function main() {
  const configFiles = process.argv.slice(2).length
    ? process.argv.slice(2)
    : [path.join(root, 'app-config.yaml')];
  const config = await ConfigSources.toConfig(
    ConfigSources.default({
      rootDir: root,
      argv: configFiles.flatMap(f => ['--config', path.resolve(root, f)]),
    }),
  );
  const discovery = {
    async getBaseUrl(pluginId) {
      return `${config.getString('backend.baseUrl')}/api/${pluginId}`;
    },
    async getExternalBaseUrl(pluginId) {
      return `${config.getString('backend.baseUrl')}/api/${pluginId}`;
    },
  };
  const generator = TechdocsGenerator.fromConfig(config, { logger });
  const publisher = await Publisher.fromConfig(config, { logger, discovery });

  // With --sandbox, the sandbox's entities too (scripts/lib/sandbox.mjs);
  // dir: refs are relative to their catalog file.
  const catalogs = ['catalog-info.yaml', process.env.VIGIL_SANDBOX_CATALOG];
  const entities = catalogs
    .filter(Boolean)
    .flatMap(catalog =>
      parseAllDocuments(fs.readFileSync(path.join(root, catalog), 'utf8')).map(
        d => ({
          entity: d.toJS(),
          dir: path.join(root, path.dirname(catalog)),
        }),
      ),
    )
    .filter(
      ({ entity }) =>
        entity?.metadata?.annotations?.['backstage.io/techdocs-ref'],
    );

  for (const { entity, dir } of entities) {
    const ref = entity.metadata.annotations['backstage.io/techdocs-ref'];
    if (!ref.startsWith('dir:')) continue;
    entity.metadata.namespace ??= 'default';
    const inputDir = path.resolve(dir, ref.slice('dir:'.length));
    const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-techdocs-'));
    const logStream = new PassThrough();
    const output = [];
    logStream.on('data', chunk => output.push(chunk));
    try {
      await generator.run({
        inputDir,
        outputDir,
        parsedLocationAnnotation: { type: 'dir', target: inputDir },
        etag: '',
        logger,
        logStream,
      });
      await publisher.publish({ entity, directory: outputDir });
      console.log(
        `techdocs: built ${entity.kind.toLowerCase()}:${
          entity.metadata.namespace
        }/${entity.metadata.name} from ${ref}`,
      );
    } catch (error) {
      const last = Buffer.concat(output)
        .toString()
        .trim()
        .split('\n')
        .slice(-3)
        .join(' | ');
      throw new Error(`${entity.metadata.name}: ${error.message} ${last}`);
    } finally {
      fs.rmSync(outputDir, { recursive: true, force: true });
    }
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(`techdocs: ${error.message}`);
    process.exit(1);
  },
);
