import path from 'node:path';
import { parseArgs } from 'node:util';
import { GatesApi } from '../api';
import { CliCommand, UsageError } from '../cliIo';
import { writeExport } from './writeExport';

const ENTITY_REF = /^[a-z0-9._-]+:[a-z0-9._-]+\/[a-zA-Z0-9._-]+$/i;

export interface ExportOptions {
  reviewId?: string;
  entityRef?: string;
  outDir: string;
  baseUrl?: string;
}

/** `export`'s flags; throws UsageError (or node's ERR_PARSE_ARGS_*) on bad ones. */
export function parseExportArgs(args: string[]): ExportOptions {
  const { values } = parseArgs({
    args,
    options: {
      review: { type: 'string' },
      entity: { type: 'string' },
      out: { type: 'string', default: 'validation/launch-reviews' },
      'base-url': { type: 'string' },
      base: { type: 'string' },
    },
    strict: true,
  });
  if (Boolean(values.review) === Boolean(values.entity)) {
    throw new UsageError(
      'export needs --review <id> or --entity <ref>, not both',
    );
  }
  if (values.review && !/^[a-zA-Z0-9-]{1,64}$/.test(values.review)) {
    throw new UsageError(
      `--review must be a review id, not "${values.review}"`,
    );
  }
  if (values.entity && !ENTITY_REF.test(values.entity)) {
    throw new UsageError(
      `--entity must be a full entity ref (kind:namespace/name), not "${values.entity}"`,
    );
  }
  const baseUrl = values['base-url'] ?? values.base;
  if (baseUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(baseUrl)) {
    throw new UsageError(`--base-url must be an http(s) URL, not "${baseUrl}"`);
  }
  if (!values.out) throw new UsageError('--out needs a directory');
  return {
    reviewId: values.review,
    entityRef: values.entity,
    outDir: values.out,
    baseUrl: baseUrl?.replace(/\/+$/, ''),
  };
}

export const exportCommand: CliCommand = {
  name: 'export',
  synopsis:
    'export (--review <id> | --entity <ref>) [--out validation/launch-reviews] [--base-url http://127.0.0.1:7007]',
  help: `  export       writes a review's evidence (JSON and Markdown, from the portal's export)
               under <out>/<entity name>/<exported at>-<id>.{json,md}; --entity takes the
               entity's latest review`,
  async run(args, io) {
    const options = parseExportArgs(args);
    const context = io.context({ baseUrl: options.baseUrl });
    const api = new GatesApi(context);
    let reviewId = options.reviewId;
    if (!reviewId) {
      reviewId = await api.latestReviewOf(options.entityRef!);
      if (!reviewId) {
        io.stderr(
          `vigil-gates: ${options.entityRef} has no launch review; open one on its Launch tab\n`,
        );
        return 1;
      }
    }
    const doc = await api.exportJson(reviewId);
    const markdown = await api.exportMarkdown(reviewId);
    const written = writeExport(
      path.resolve(context.root, options.outDir),
      doc,
      markdown,
    );
    io.stdout(
      `review ${doc.review.id} of ${doc.review.entityRef} (${doc.review.state})\n` +
        `${path.relative(context.root, written.json)}\n` +
        `${path.relative(context.root, written.markdown)}\n`,
    );
    return 0;
  },
};
