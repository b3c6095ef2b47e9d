import fs from 'node:fs/promises';
import path from 'node:path';
import {
  AuthService,
  LoggerService,
  resolveSafeChildPath,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  getEntitySourceLocation,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { isError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  normalizePromDuration,
  parseSloSpecs,
  SloSpecIssue,
} from '@vigil/backstage-plugin-slo-common';
import type { SloStore } from '../database/SloStore';
import type { EntitySpecs, SloDefinition, SpecSource } from './types';

/** Path or URL of the entity's SLO spec, relative to its source location. */
export const SLO_SPEC_ANNOTATION = 'vigil.dev/slo-spec';
/** The spec itself, for entities whose source is not a repository. */
export const SLO_SPEC_INLINE_ANNOTATION = 'vigil.dev/slo-spec-inline';
/** The SLO period of the entity's SLOs (default from config, e.g. 30d). */
export const SLO_PERIOD_ANNOTATION = 'vigil.dev/slo-period';

/** Where a spec is read from, and how it is shown. */
export interface ResolvedSpecLocation {
  /**
   * As stored and served: a file's `target` is relative to the directory of
   * the entity's catalog file (e.g. `packages/scoring-api/slo.yaml`), never
   * the server's absolute path.
   */
  specSource: SpecSource;
  /** The absolute file path or the URL to read. */
  readFrom: string;
}

/**
 * Where an entity's spec lives: an absolute URL as is; a relative path
 * against the entity's source location exactly as TechDocs resolves `dir:`
 * references (a child of a `file:` location's directory, or resolved
 * against a `url:` location through the SCM integrations).
 */
export function resolveSpecLocation(
  entity: Entity,
  target: string,
  integrations: ScmIntegrationRegistry,
): ResolvedSpecLocation {
  if (/^https?:\/\//i.test(target)) {
    return {
      specSource: { type: 'url', target, url: target },
      readFrom: target,
    };
  }
  const location = getEntitySourceLocation(entity);
  switch (location.type) {
    case 'url': {
      const url = integrations.resolveUrl({
        url: target,
        base: location.target,
      });
      return { specSource: { type: 'url', target: url, url }, readFrom: url };
    }
    case 'file': {
      const directory = path.dirname(location.target);
      const file = resolveSafeChildPath(directory, target);
      const relative = path.relative(directory, file).split(path.sep).join('/');
      return {
        specSource: { type: 'file', target: relative },
        readFrom: file,
      };
    }
    default:
      throw new Error(
        `cannot resolve ${target} against a ${location.type} location`,
      );
  }
}

/** A read error without the server's absolute path in it. */
function describeReadError(error: unknown, readFrom: string, shown: string) {
  const message = isError(error) ? error.message : String(error);
  return readFrom === shown ? message : message.split(readFrom).join(shown);
}

function ownerRef(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner === '') return undefined;
  return stringifyEntityRef(
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

function systemRef(entity: Entity): string | undefined {
  const system = entity.spec?.system;
  if (typeof system !== 'string' || system === '') return undefined;
  return stringifyEntityRef(
    parseEntityRef(system, {
      defaultKind: 'system',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

const specIssue = (source: string, problem: string): SloSpecIssue => ({
  source,
  problem,
  message: `${source}: ${problem}`,
});

export interface SpecRefresherOptions {
  catalog: CatalogService;
  auth: AuthService;
  urlReader: UrlReaderService;
  integrations: ScmIntegrationRegistry;
  store: SloStore;
  logger: LoggerService;
  /** The SLO period for entities without vigil.dev/slo-period. */
  defaultPeriod: string;
  now?: () => number;
}

/**
 * Reads the SLO specs of every annotated catalog entity and stores the valid
 * SLOs and the problems. One entity's broken spec only produces errors for
 * that entity.
 */
export class SpecRefresher {
  private running: Promise<EntitySpecs[]> | undefined;

  constructor(private readonly options: SpecRefresherOptions) {}

  /** Refreshes now; concurrent calls share one run. */
  refresh(): Promise<EntitySpecs[]> {
    if (!this.running) {
      this.running = this.run().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  private async run(): Promise<EntitySpecs[]> {
    const { catalog, auth, store, logger } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: [
          {
            [`metadata.annotations.${SLO_SPEC_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
          {
            [`metadata.annotations.${SLO_SPEC_INLINE_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const results: EntitySpecs[] = [];
    for (const entity of items) {
      results.push(await this.readEntity(entity));
    }
    results.sort((a, b) =>
      a.entity.entityRef.localeCompare(b.entity.entityRef),
    );

    // SLO ids must be unique across entities: the first entity (by ref)
    // keeps an id, later ones get an error naming the owner of it.
    const owners = new Map<string, string>();
    for (const result of results) {
      result.definitions = result.definitions.filter(definition => {
        const owner = owners.get(definition.sloId);
        if (owner === undefined) {
          owners.set(definition.sloId, result.entity.entityRef);
          return true;
        }
        result.entity.errors.push({
          ...specIssue(
            definition.spec.origin.source,
            `SLO "${definition.name}": the SLO id "${definition.sloId}" is already defined by ${owner}`,
          ),
          service: definition.service,
          slo: definition.name,
        });
        return false;
      });
    }

    await store.replaceSpecs(results, (this.options.now ?? Date.now)());
    const errorCount = results.reduce((n, r) => n + r.entity.errors.length, 0);
    logger.info(
      `Read SLO specs of ${results.length} entities: ${results.reduce(
        (n, r) => n + r.definitions.length,
        0,
      )} SLOs, ${errorCount} spec errors`,
    );
    return results;
  }

  /** Never throws: reading problems become errors of the entity. */
  private async readEntity(entity: Entity): Promise<EntitySpecs> {
    const entityRef = stringifyEntityRef(entity);
    const annotations = entity.metadata.annotations ?? {};
    const base = {
      entityRef,
      ...(entity.metadata.title && { title: entity.metadata.title }),
      ...(ownerRef(entity) && { owner: ownerRef(entity) }),
      ...(systemRef(entity) && { system: systemRef(entity) }),
      ...(typeof entity.spec?.lifecycle === 'string' && {
        lifecycle: entity.spec.lifecycle,
      }),
    };
    const periodAnnotation = annotations[SLO_PERIOD_ANNOTATION];
    const period =
      normalizePromDuration(periodAnnotation ?? this.options.defaultPeriod) ??
      this.options.defaultPeriod;

    const inline = annotations[SLO_SPEC_INLINE_ANNOTATION];
    const target = annotations[SLO_SPEC_ANNOTATION];
    let specSource: SpecSource;
    let content: string;
    let source: string;
    let location: ResolvedSpecLocation | undefined;
    try {
      if (target) {
        location = resolveSpecLocation(
          entity,
          target,
          this.options.integrations,
        );
        specSource = location.specSource;
        // Messages name the spec as users see it, not by server path.
        source = specSource.target!;
        content = await this.read(specSource, location.readFrom);
      } else {
        specSource = { type: 'inline' };
        source = `${entityRef} annotation ${SLO_SPEC_INLINE_ANNOTATION}`;
        content = inline ?? '';
      }
    } catch (error) {
      const shown = location?.specSource.target ?? target ?? entityRef;
      const message = location
        ? describeReadError(error, location.readFrom, shown)
        : (error as Error).message;
      return {
        entity: {
          ...base,
          specSource: location?.specSource ?? {
            type: target ? 'url' : 'inline',
            target,
          },
          errors: [specIssue(shown, `cannot read the SLO spec: ${message}`)],
          warnings: [],
        },
        definitions: [],
      };
    }

    const errors: SloSpecIssue[] = [];
    if (periodAnnotation && !normalizePromDuration(periodAnnotation)) {
      errors.push(
        specIssue(
          entityRef,
          `annotation ${SLO_PERIOD_ANNOTATION} is not a Prometheus duration: ${JSON.stringify(
            periodAnnotation,
          )}`,
        ),
      );
    }
    const parsed = parseSloSpecs(content, { source, period });
    errors.push(...parsed.errors);
    const definitions: SloDefinition[] = parsed.specs.map(spec => ({
      sloId: spec.id,
      entityRef,
      service: spec.service,
      name: spec.name,
      ...(spec.description && { description: spec.description }),
      objectivePercent: spec.objectivePercent,
      period: spec.timeWindow ?? period,
      ...(base.owner && { owner: base.owner }),
      ...(base.system && { system: base.system }),
      ...(base.lifecycle && { lifecycle: base.lifecycle }),
      spec,
    }));
    return {
      entity: { ...base, specSource, errors, warnings: parsed.warnings },
      definitions,
    };
  }

  private async read(
    specSource: SpecSource,
    readFrom: string,
  ): Promise<string> {
    if (specSource.type === 'file') {
      // The path was confined to the catalog file's directory by
      // resolveSafeChildPath, as TechDocs does for dir: references.
      // eslint-disable-next-line security/detect-non-literal-fs-filename
      return await fs.readFile(readFrom, 'utf8');
    }
    const response = await this.options.urlReader.readUrl(readFrom);
    return (await response.buffer()).toString('utf8');
  }
}
