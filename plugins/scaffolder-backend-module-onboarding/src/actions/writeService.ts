import { NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  addServiceInputSchema,
  renderServiceFiles,
} from '@vigil/backstage-plugin-onboarding-common';
import { parse } from '@vigil/backend-kit';
import { CatalogLookup, managedByLocation } from '../CatalogLookup';
import { ServiceFolder } from './ServiceFolder';

/** The id of the action that writes a service's files. @public */
export const WRITE_SERVICE_ACTION_ID = 'vigil:catalog-folder:write-service';

export interface WriteServiceActionOptions {
  /** The catalog folder, absolute and without symbolic links. */
  catalogFolder: string;
  catalog: CatalogLookup;
  /** app.baseUrl, for the runbook links of the SLO alerts. */
  portalBaseUrl?: string;
  /** Today as YYYY-MM-DD (the on-call stub's first handoff). */
  today?: () => string;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * `vigil:catalog-folder:write-service`: validates the template's values
 * and writes catalog-info.yaml, slo.yaml, the runbook and the on-call stub
 * into `<catalogFolder>/<name>/`, never outside it.
 */
export function createWriteServiceAction(options: WriteServiceActionOptions) {
  return createTemplateAction({
    id: WRITE_SERVICE_ACTION_ID,
    description:
      "Writes a new service's catalog-info.yaml, SLO spec, TechDocs runbook and on-call stub into the portal's catalog folder",
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('Entity name, also the folder name'),
        title: z => z.string(),
        description: z => z.string(),
        owner: z => z.string().describe('Owning group ref'),
        system: z => z.string().optional(),
        prometheusJob: z => z.string(),
        availabilityObjective: z => z.union([z.number(), z.string()]),
        latencyObjective: z => z.union([z.number(), z.string()]),
        latencyThresholdMs: z => z.union([z.number(), z.string()]),
        destination: z =>
          z
            .enum(['catalog-folder', 'workspace'])
            .optional()
            .describe(
              'catalog-folder (default): the portal reads it at once; workspace: for publish:* to a Git host (production)',
            ),
      },
      output: {
        entityRef: z => z.string(),
        folder: z =>
          z.string().describe('The folder, relative to the catalog folder'),
        files: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const values = parse(
        addServiceInputSchema,
        { ...ctx.input, system: ctx.input.system || undefined },
        'service',
      );
      const entityRef = `component:default/${values.name}`;
      if (ctx.input.destination === 'workspace') {
        // Production: the files go to a Git host through publish:*, whose
        // catalog provider reads them; the workspace is the task's own.
        const files = renderServiceFiles(values, {
          portalBaseUrl: options.portalBaseUrl,
          initiatorRef: ctx.user?.ref,
          today: (options.today ?? today)(),
        });
        const written = ctx.isDryRun
          ? files.map(f => f.path)
          : await new ServiceFolder(ctx.workspacePath, values.name).write(
              files,
            );
        ctx.output('entityRef', entityRef);
        ctx.output('folder', values.name);
        ctx.output('files', written);
        return;
      }
      const folder = new ServiceFolder(options.catalogFolder, values.name);
      await folder.checkWritable({
        kind: 'component',
        namespace: 'default',
        name: values.name,
        owner: values.owner,
      });
      // Another source's entity of that name would clash with this one
      // (and its docs would be overwritten): refuse before writing.
      const existing = await options.catalog.getComponent(values.name);
      if (
        existing &&
        managedByLocation(existing) !== `file:${folder.catalogInfoPath}`
      ) {
        throw new NotAllowedError(
          `${entityRef} already exists in the catalog (${
            managedByLocation(existing) ?? 'another source'
          }); choose another name`,
        );
      }

      const files = renderServiceFiles(values, {
        portalBaseUrl: options.portalBaseUrl,
        initiatorRef: ctx.user?.ref,
        today: (options.today ?? today)(),
      });
      ctx.output('entityRef', entityRef);
      ctx.output('folder', values.name);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would write ${files.length} files for ${entityRef}`,
        );
        ctx.output(
          'files',
          files.map(f => f.path),
        );
        return;
      }
      const written = await folder.write(files);
      ctx.logger.info(
        `Wrote ${written.join(', ')} into the catalog folder's ${values.name}/`,
      );
      ctx.output('files', written);
    },
  });
}
