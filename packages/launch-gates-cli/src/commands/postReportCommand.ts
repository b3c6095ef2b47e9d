import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { postReportRequestSchema } from '@vigil/backstage-plugin-launch-gates-common';
import { GatesApi } from '../api';
import { CliCommand, UsageError } from '../cliIo';

/** `post-report`'s flags. */
export function parsePostReportArgs(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      file: { type: 'string' },
      'base-url': { type: 'string' },
      base: { type: 'string' },
    },
    strict: true,
  });
  if (!values.file) {
    throw new UsageError('post-report needs --file <report.json>');
  }
  const baseUrl = values['base-url'] ?? values.base;
  if (baseUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(baseUrl)) {
    throw new UsageError(`--base-url must be an http(s) URL, not "${baseUrl}"`);
  }
  return { file: values.file, baseUrl: baseUrl?.replace(/\/+$/, '') };
}

/** The report in `file`, validated against the common schemas; throws with what is wrong. */
export function readReport(file: string) {
  let raw: unknown;
  try {
    // The operator's own --file.
    // eslint-disable-next-line security/detect-non-literal-fs-filename
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = postReportRequestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `${file} is not a load-test or security-scan report: ${parsed.error.issues
        .slice(0, 5)
        .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data;
}

export const postReportCommand: CliCommand = {
  name: 'post-report',
  synopsis:
    'post-report --file <report.json> [--base-url http://127.0.0.1:7007]',
  help: `  post-report  posts a load-test or security-scan report (validated first) to the portal,
               where the launch gates' load-test and security-scan checks read it`,
  async run(args, io) {
    const options = parsePostReportArgs(args);
    const context = io.context({ baseUrl: options.baseUrl });
    const report = readReport(path.resolve(context.root, options.file));
    const stored = await new GatesApi(context).postReport(report);
    io.stdout(
      `posted ${stored.kind} report ${stored.id} for ${stored.entityRef} (ran ${stored.ranAt})\n`,
    );
    return 0;
  },
};
