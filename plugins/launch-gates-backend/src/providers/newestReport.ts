import type { z } from 'zod';
import { formatZodIssues } from '@vigil/common-kit';
import type { StoredReport } from '@vigil/backstage-plugin-launch-gates-common';
import type { CheckProviderContext } from '@vigil/backstage-plugin-launch-gates-node';
import type { ReportSource } from '../evaluation/reportSource';
import { messageOf } from './util';

/** Where a report came from, for the evidence. */
export type ReportOrigin =
  | { source: 'file'; file: string; link?: string }
  | { source: 'posted'; id: string; postedBy: string; postedAt: string };

export interface NewestReport<T> {
  found?: { report: T; origin: ReportOrigin };
  /** Sources that could not be read, and why. */
  sourceErrors: string[];
  /** Files of the entity that are not valid reports (never used). */
  invalidFiles: string[];
}

/**
 * The newest report (by `ranAt`) of an entity, from the committed files
 * under `validation/<subdirectory>/` (named `<timestamp>-<entity name>.json`)
 * and from the reports posted to the launch-gates API.
 */
export async function newestReport<
  T extends { entityRef: string; ranAt: string },
>(
  context: Pick<
    CheckProviderContext<unknown>,
    'entity' | 'entityRef' | 'evidenceFiles'
  >,
  options: {
    subdirectory: string;
    kind: StoredReport['kind'];
    schema: z.ZodType<T, z.ZodTypeDef, unknown>;
    reportSource: ReportSource;
  },
): Promise<NewestReport<T>> {
  const { entity, entityRef, evidenceFiles } = context;
  const { subdirectory, kind, schema, reportSource } = options;
  const wanted = entityRef.toLocaleLowerCase('en-US');
  const suffix = `-${entity.metadata.name.toLocaleLowerCase('en-US')}.json`;
  const candidates: Array<{ report: T; origin: ReportOrigin }> = [];
  const sourceErrors: string[] = [];
  const invalidFiles: string[] = [];

  try {
    const names = (await evidenceFiles.list(subdirectory)).filter(name =>
      name.toLocaleLowerCase('en-US').endsWith(suffix),
    );
    for (const name of names) {
      const file = `validation/${subdirectory}/${name}`;
      let json: unknown;
      try {
        json = await evidenceFiles.readJson(subdirectory, name);
      } catch (error) {
        invalidFiles.push(`${file}: ${messageOf(error)}`);
        continue;
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        invalidFiles.push(
          `${file}: ${formatZodIssues(parsed.error).slice(0, 5).join('; ')}`,
        );
        continue;
      }
      if (parsed.data.entityRef.toLocaleLowerCase('en-US') !== wanted) continue;
      const link = evidenceFiles.linkTo(subdirectory, name);
      candidates.push({
        report: parsed.data,
        origin: { source: 'file', file, ...(link ? { link } : {}) },
      });
    }
  } catch (error) {
    sourceErrors.push(`validation/${subdirectory}/: ${messageOf(error)}`);
  }

  try {
    const posted = await reportSource.latest(entityRef, kind);
    const parsed = posted ? schema.safeParse(posted.report) : undefined;
    if (posted && parsed?.success) {
      candidates.push({
        report: parsed.data,
        origin: {
          source: 'posted',
          id: posted.id,
          postedBy: posted.postedBy,
          postedAt: posted.postedAt,
        },
      });
    }
  } catch (error) {
    sourceErrors.push(`posted reports: ${messageOf(error)}`);
  }

  candidates.sort(
    (a, b) => Date.parse(b.report.ranAt) - Date.parse(a.report.ranAt),
  );
  return {
    ...(candidates[0] ? { found: candidates[0] } : {}),
    sourceErrors,
    invalidFiles: invalidFiles.slice(0, 20),
  };
}

/** The origin in words: `validation/load-tests/x.json` or `posted by ...`. */
export function describeOrigin(origin: ReportOrigin): string {
  return origin.source === 'file'
    ? origin.file
    : `posted by ${origin.postedBy}`;
}
