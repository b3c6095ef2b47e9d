import fs from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type {
  GeneratorBase,
  PublisherBase,
} from '@backstage/plugin-techdocs-node';
import { parse as parseYaml } from 'yaml';
import { CatalogLookup, managedByLocation } from '../CatalogLookup';
import { ServiceFolder } from './ServiceFolder';

type GeneratorLogger = Parameters<GeneratorBase['run']>[0]['logger'];

/** The id of the action that builds and publishes a new service's docs. @public */
export const PUBLISH_TECHDOCS_ACTION_ID = 'vigil:techdocs:publish';

export interface PublishTechDocsActionOptions {
  catalogFolder: string;
  catalog: CatalogLookup;
  generator: GeneratorBase;
  publisher: PublisherBase;
  /** Longest wait for the catalog to read the new entity. */
  catalogWaitMs: number;
  /** Between two looks at the catalog. Default 500 ms. */
  pollMs?: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>(resolve => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** The entity once the catalog has read it from this service folder. */
async function waitForEntity(
  options: PublishTechDocsActionOptions,
  folder: ServiceFolder,
  logger: LoggerService,
  signal?: AbortSignal,
): Promise<Entity> {
  const expected = `file:${folder.catalogInfoPath}`;
  const deadline = Date.now() + options.catalogWaitMs;
  for (;;) {
    const entity = await options.catalog.getComponent(folder.name);
    if (entity && managedByLocation(entity) === expected) return entity;
    if (entity) {
      // Another source's entity of this name: never publish over its docs.
      throw new ServiceUnavailableError(
        `component:default/${
          folder.name
        } in the catalog comes from ${managedByLocation(
          entity,
        )}, not from the catalog folder; its docs were not published`,
      );
    }
    if (Date.now() >= deadline || signal?.aborted) {
      throw new ServiceUnavailableError(
        `The catalog has not read component:default/${
          folder.name
        } within ${Math.round(
          options.catalogWaitMs / 1000,
        )} s; its docs were not published (run the template again)`,
      );
    }
    logger.debug(`Waiting for the catalog to read ${folder.name}`);
    await sleep(options.pollMs ?? 500, signal);
  }
}

/**
 * What techdocs-core's metadata step would write and Debian's mkdocs lacks
 * (the repository's sites use a hook for it): the reader's page title.
 */
async function writeSiteMetadata(inputDir: string, outputDir: string) {
  // Both folders are the action's temporary ones.
  /* eslint-disable security/detect-non-literal-fs-filename */
  const mkdocs = parseYaml(
    await fs.readFile(path.join(inputDir, 'mkdocs.yml'), 'utf8'),
  );
  const file = path.join(outputDir, 'techdocs_metadata.json');
  const metadata = JSON.parse(
    await fs.readFile(file, 'utf8').catch(() => '{}'),
  );
  metadata.site_name ??= String(mkdocs?.site_name ?? '');
  metadata.site_description ??= String(mkdocs?.site_description ?? '');
  await fs.writeFile(file, JSON.stringify(metadata));
  /* eslint-enable security/detect-non-literal-fs-filename */
}

/**
 * `vigil:techdocs:publish`: once the catalog holds the new Component (read
 * from its service folder), builds its runbook with the portal's TechDocs
 * generator and publishes it with the portal's publisher. The portal's
 * TechDocs builder is `external`, so without this the Docs tab stays empty.
 */
export function createPublishTechDocsAction(
  options: PublishTechDocsActionOptions,
) {
  return createTemplateAction({
    id: PUBLISH_TECHDOCS_ACTION_ID,
    description:
      "Builds and publishes a catalog-folder service's TechDocs once the catalog has read it",
    schema: {
      input: {
        name: z => z.string().describe('The service (entity and folder) name'),
      },
      output: {
        entityRef: z => z.string(),
        docsPath: z =>
          z.string().describe('The Docs page, relative to the app'),
      },
    },
    async handler(ctx) {
      const folder = new ServiceFolder(options.catalogFolder, ctx.input.name);
      const entity = await waitForEntity(
        options,
        folder,
        ctx.logger,
        ctx.signal,
      );
      const started = Date.now();

      // The generator edits mkdocs.yml in place: build from a copy, without
      // symbolic links, so nothing outside the folder ends up in the site.
      const inputDir = await ctx.createTemporaryDirectory();
      const outputDir = await ctx.createTemporaryDirectory();
      await fs.cp(folder.path, inputDir, {
        recursive: true,
        filter: async source =>
          // eslint-disable-next-line security/detect-non-literal-fs-filename
          !(await fs.lstat(source)).isSymbolicLink(),
      });
      const logStream = new PassThrough();
      const lines: string[] = [];
      logStream.on('data', chunk => lines.push(String(chunk)));
      try {
        await options.generator.run({
          inputDir,
          outputDir,
          parsedLocationAnnotation: { type: 'dir', target: inputDir },
          etag: '',
          // techdocs-node still types its logger as winston's; it calls
          // only the LoggerService methods.
          logger: ctx.logger as unknown as GeneratorLogger,
          logStream,
        });
      } catch (error) {
        const last = lines.join('').trim().split('\n').slice(-3).join(' | ');
        throw new Error(
          `mkdocs could not build the runbook: ${
            (error as Error).message
          } ${last}`,
        );
      }
      await writeSiteMetadata(inputDir, outputDir);
      await options.publisher.publish({ entity, directory: outputDir });

      const { namespace = 'default', name } = entity.metadata;
      const docsPath = `/docs/${namespace}/component/${name}`;
      ctx.logger.info(
        `Published the docs of component:${namespace}/${name} in ${
          Date.now() - started
        } ms (${docsPath})`,
      );
      ctx.output('entityRef', `component:${namespace}/${name}`);
      ctx.output('docsPath', docsPath);
    },
  });
}
