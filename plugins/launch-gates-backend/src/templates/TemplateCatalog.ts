import fs from 'node:fs/promises';
import path from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { LineCounter, parseDocument } from 'yaml';
import { formatZodIssues } from '@vigil/common-kit';
import {
  reviewTemplateSchema,
  type ReviewTemplate,
  type TemplateListing,
} from '@vigil/backstage-plugin-launch-gates-common';
import type { CheckProviderRegistry } from '../evaluation/CheckProviderRegistry';

/** A template file larger than this is not read (a template is a few KB). */
const MAX_TEMPLATE_BYTES = 512 * 1024;

/** A file that did not validate, and why (one problem per line). */
export interface TemplateProblem {
  source: string;
  message: string;
}

/**
 * What is wrong with a parsed template beyond its schema: each automated
 * check must name a registered provider, with params its schema takes and
 * pass conditions on measures it reports. Messages are `path: problem`.
 */
export function providerProblems(
  template: ReviewTemplate,
  registry: CheckProviderRegistry,
): string[] {
  const problems: string[] = [];
  template.spec.gates.forEach((gate, g) => {
    gate.checks.forEach((check, c) => {
      if (check.type !== 'automated') return;
      const at = `spec.gates[${g}].checks[${c}]`;
      const provider = registry.get(check.provider);
      if (!provider) {
        problems.push(
          `${at}.provider: no check provider ${check.provider} (known: ${
            registry.ids().join(', ') || 'none'
          })`,
        );
        return;
      }
      const params = provider.paramsSchema.safeParse(check.params ?? {});
      if (!params.success) {
        for (const line of formatZodIssues(params.error)) {
          problems.push(
            line.startsWith('(payload)')
              ? `${at}.params${line.slice('(payload)'.length)}`
              : `${at}.params.${line}`,
          );
        }
      }
      const measures = provider.measures.map(m => m.name);
      (check.pass ?? []).forEach((condition, p) => {
        if (!measures.includes(condition.measure)) {
          problems.push(
            `${at}.pass[${p}].measure: ${provider.id} reports no measure ${
              condition.measure
            } (it reports: ${measures.join(', ')})`,
          );
        }
      });
    });
  });
  return problems;
}

/** Parses and validates one template file's text; problems or the template. */
export function parseTemplate(
  text: string,
  registry: CheckProviderRegistry,
): { template: ReviewTemplate } | { problems: string[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, lineCounter });
  if (document.errors.length > 0) {
    return {
      problems: document.errors.map(error => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return `invalid YAML at line ${line}, column ${col}: ${
          error.message.split('\n')[0]
        }`;
      }),
    };
  }
  const parsed = reviewTemplateSchema.safeParse(document.toJS());
  if (!parsed.success) return { problems: formatZodIssues(parsed.error) };
  const problems = providerProblems(parsed.data, registry);
  return problems.length > 0 ? { problems } : { template: parsed.data };
}

interface LoadedTemplate {
  template: ReviewTemplate;
  source: string;
}

/**
 * The review templates of the configured directories: every `*.yaml` file
 * (not recursive), validated by the template schema and the check providers.
 * A file with any problem is listed in `problems()` and never used; so is a
 * second template of a name already taken.
 */
export class TemplateCatalog {
  private constructor(
    private readonly templates: Map<string, LoadedTemplate>,
    private readonly issues: TemplateProblem[],
  ) {}

  static async load(options: {
    directories: string[];
    registry: CheckProviderRegistry;
    logger: LoggerService;
  }): Promise<TemplateCatalog> {
    const { directories, registry, logger } = options;
    const templates = new Map<string, LoadedTemplate>();
    const problems: TemplateProblem[] = [];
    const problem = (source: string, message: string) => {
      problems.push({ source, message: `${source}: ${message}` });
    };

    if (directories.length === 0) {
      problem(
        'launchGates.templates.directories',
        'no template directory is configured, so no review can be opened',
      );
    }
    for (const directory of directories) {
      const resolved = path.resolve(directory);
      let names: string[];
      try {
        // eslint-disable-next-line security/detect-non-literal-fs-filename -- configured directory
        names = (await fs.readdir(resolved, { withFileTypes: true }))
          .filter(e => e.isFile() && /\.ya?ml$/i.test(e.name))
          .map(e => e.name)
          .sort();
      } catch (error) {
        problem(
          directory,
          `cannot read the template directory: ${(error as Error).message}`,
        );
        continue;
      }
      for (const name of names) {
        // Messages name the file as the repository has it, not a server path.
        const source = `${path.basename(resolved)}/${name}`;
        const file = path.join(resolved, name);
        let text: string;
        try {
          // eslint-disable-next-line security/detect-non-literal-fs-filename -- a listed name
          const stat = await fs.stat(file);
          if (stat.size > MAX_TEMPLATE_BYTES) {
            problem(
              source,
              `the file is ${stat.size} bytes, over the ${MAX_TEMPLATE_BYTES} a template may have`,
            );
            continue;
          }
          // eslint-disable-next-line security/detect-non-literal-fs-filename -- a listed name
          text = await fs.readFile(file, 'utf8');
        } catch (error) {
          problem(source, `cannot read the file: ${(error as Error).message}`);
          continue;
        }
        const result = parseTemplate(text, registry);
        if ('problems' in result) {
          result.problems.forEach(p => problem(source, p));
          continue;
        }
        const { name: templateName } = result.template.metadata;
        const taken = templates.get(templateName);
        if (taken) {
          problem(
            source,
            `metadata.name: template ${templateName} is already defined in ${taken.source}`,
          );
          continue;
        }
        templates.set(templateName, { template: result.template, source });
      }
    }

    for (const p of problems)
      logger.warn(`Launch review template: ${p.message}`);
    logger.info(
      `Loaded ${templates.size} launch review templates (${[
        ...templates.keys(),
      ].join(', ')}), ${problems.length} problems`,
    );
    return new TemplateCatalog(templates, problems);
  }

  get(name: string): ReviewTemplate | undefined {
    return this.templates.get(name)?.template;
  }

  /** The valid templates, by name. */
  list(): TemplateListing[] {
    return [...this.templates.values()]
      .sort((a, b) =>
        a.template.metadata.name.localeCompare(b.template.metadata.name),
      )
      .map(({ template, source }) => ({
        name: template.metadata.name,
        title: template.metadata.title,
        description: template.metadata.description ?? null,
        source,
        gates: template.spec.gates.map(gate => ({
          id: gate.id,
          title: gate.title,
          checks: gate.checks.length,
        })),
      }));
  }

  /** Files that did not validate, each problem with the file it is in. */
  problems(): TemplateProblem[] {
    return [...this.issues];
  }
}
