/**
 * Every backend plugin with an openapi.yaml has its spec module
 * (src/schema/openapi.generated.ts) generated from the current YAML, even
 * one whose router does not use it yet. Fix: `yarn openapi:generate`.
 */
// Paths are the repository's own plugin directories.
/* eslint-disable security/detect-non-literal-fs-filename, security/detect-non-literal-require */
import fs from 'node:fs';
import path from 'node:path';
import { generatedSpecDifferences, readOpenApiDocument } from './index';

const plugins = path.resolve(__dirname, '../../../plugins');
const backends = fs
  .readdirSync(plugins)
  .filter(name => name.endsWith('-backend'))
  .filter(name => fs.existsSync(path.join(plugins, name, 'openapi.yaml')));

describe('generated spec modules', () => {
  it('are found', () => {
    expect(backends).toEqual(
      expect.arrayContaining(['incidents-backend', 'slo-backend']),
    );
  });

  it.each(backends)(
    'plugins/%s/src/schema/openapi.generated.ts is its current openapi.yaml',
    name => {
      const file = path.join(plugins, name, 'src/schema/openapi.generated.ts');
      expect(fs.existsSync(file)).toBe(true);
      const { spec } = require(file) as { spec: unknown };
      const text = fs.readFileSync(file, 'utf8');
      const document = readOpenApiDocument(
        path.join(plugins, name, 'openapi.yaml'),
      );
      expect(generatedSpecDifferences({ spec, text }, document)).toEqual([]);
    },
  );
});
