import fs from 'node:fs';
import path from 'node:path';
import { generatedSpecDifferences } from './generatedSpec';
import {
  documentedRoutes,
  JsonObject,
  openApiProblems,
  readOpenApiDocument,
  registeredRoutes,
} from './index';

/**
 * Declares, in a backend plugin's Jest test file, the tests that make its
 * `openapi.yaml` the router's contract: a valid OpenAPI 3.0 document (refs
 * resolve, every operation has 401, and 400 where it takes input), the text
 * `src/schema/openapi.generated.ts` was generated from, and exactly the
 * routes the router registers. Returns the parsed document for further tests.
 */
// eslint-disable-next-line jest/no-export -- a suite every backend's openapi.test.ts declares
export function describeOpenApiContract(options: {
  /** The plugin package's directory, which holds `openapi.yaml`. */
  packageDir: string;
  /** The `spec` the generated module exports. */
  spec: unknown;
  /** Builds the router; its handlers are never called. */
  createRouter: () => Promise<unknown>;
}): JsonObject {
  const document = readOpenApiDocument(
    path.join(options.packageDir, 'openapi.yaml'),
  );
  describe('openapi.yaml', () => {
    it('is a valid OpenAPI 3.0 document: refs resolve, every operation has 401, and 400 where it takes input', () => {
      expect(openApiProblems(document)).toEqual([]);
    });

    it('is what src/schema/openapi.generated.ts holds (else run `yarn openapi:generate`)', () => {
      // The path is the calling package's own generated module.
      // eslint-disable-next-line security/detect-non-literal-fs-filename
      const text = fs.readFileSync(
        path.join(options.packageDir, 'src/schema/openapi.generated.ts'),
        'utf8',
      );
      expect(
        generatedSpecDifferences({ spec: options.spec, text }, document),
      ).toEqual([]);
    });

    it('documents exactly the routes the router registers', async () => {
      const registered = registeredRoutes(await options.createRouter());
      expect(registered.length).toBeGreaterThan(0);
      expect(documentedRoutes(document)).toEqual(registered);
    });
  });
  return document;
}

/** The status of a GET of `url` (relative to the plugin's base path). */
// eslint-disable-next-line jest/no-export -- describeInputChecks' parameter type
export type StatusOf = (url: string) => Promise<number>;

/**
 * Declares the tests that the two layers of input checks agree: the
 * document alone (the validator a router starts with, over handlers that
 * answer 200) and the router with its own (zod) checks, over services that
 * answer anything. Both accept `good`; both refuse `bad` with 400; the
 * document accepts `routerOnly`, which only the router can refuse (what
 * OpenAPI cannot say, such as entity ref syntax).
 */
// eslint-disable-next-line jest/no-export -- a suite backends' openapi.test.ts declare
export function describeInputChecks(options: {
  /** Statuses from the document alone. */
  documentStatus: StatusOf;
  /** Builds the router (once per test) and gives its statuses. */
  routerStatus: () => Promise<StatusOf>;
  good: readonly string[];
  bad: readonly string[];
  routerOnly: readonly string[];
}): void {
  const { documentStatus, good, bad, routerOnly } = options;
  describe('the two layers of input checks', () => {
    it('both accept valid input', async () => {
      const routerStatus = await options.routerStatus();
      for (const url of good) {
        expect({
          url,
          document: await documentStatus(url),
          router: await routerStatus(url),
        }).toEqual({ url, document: 200, router: 200 });
      }
    });

    it('both refuse invalid input, but for what only the router can check', async () => {
      const routerStatus = await options.routerStatus();
      for (const url of [...bad, ...routerOnly]) {
        expect({
          url,
          document: await documentStatus(url),
          router: await routerStatus(url),
        }).toEqual({
          url,
          document: routerOnly.includes(url) ? 200 : 400,
          router: 400,
        });
      }
    });
  });
}
