import type { Entity } from '@backstage/catalog-model';
import { displaySpecLocation, isAbsoluteLocation } from './specLocation';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'scoring-api', annotations },
  };
}

const fileEntity = entity({
  'backstage.io/managed-by-location':
    'file:/srv/vigil/catalog/packages/scoring-api/catalog-info.yaml',
});
const sourceDirEntity = entity({
  'backstage.io/source-location':
    'file:/srv/vigil/catalog/packages/scoring-api/',
  'backstage.io/managed-by-location': 'file:/elsewhere/catalog-info.yaml',
});
const urlEntity = entity({
  'backstage.io/managed-by-location':
    'url:https://git.example/org/repo/blob/main/packages/scoring-api/catalog-info.yaml',
});

describe('displaySpecLocation', () => {
  it.each([
    [
      'relative as is',
      'packages/scoring-api/slo.yaml',
      fileEntity,
      'packages/scoring-api/slo.yaml',
    ],
    [
      'a URL as is',
      'https://git.example/slo.yaml',
      fileEntity,
      'https://git.example/slo.yaml',
    ],
    [
      'below the entity folder',
      '/srv/vigil/catalog/packages/scoring-api/slo/slo.yaml',
      fileEntity,
      'slo/slo.yaml',
    ],
    [
      'a file: URL',
      'file:///srv/vigil/catalog/packages/scoring-api/slo.yaml',
      fileEntity,
      'slo.yaml',
    ],
    [
      'file:/ form',
      'file:/srv/vigil/catalog/packages/scoring-api/slo.yaml',
      fileEntity,
      'slo.yaml',
    ],
    [
      'the source-location folder first',
      '/srv/vigil/catalog/packages/scoring-api/x/slo.yaml',
      sourceDirEntity,
      'x/slo.yaml',
    ],
    [
      'by folder name when paths differ',
      '/app/checkout/packages/scoring-api/slo/slo.yaml',
      fileEntity,
      'slo/slo.yaml',
    ],
    [
      "by the URL location's folder name",
      '/tmp/cache/packages/scoring-api/slo.yaml',
      urlEntity,
      'slo.yaml',
    ],
    [
      'the last occurrence of the folder',
      '/srv/scoring-api/packages/scoring-api/slo.yaml',
      entity({
        'backstage.io/managed-by-location':
          'url:https://git.example/x/scoring-api/catalog-info.yaml',
      }),
      'slo.yaml',
    ],
    [
      'the file name outside the folder',
      '/etc/slo/slo.yaml',
      fileEntity,
      'slo.yaml',
    ],
    [
      'the file name without a location',
      '/srv/vigil/catalog/packages/scoring-api/slo.yaml',
      entity({}),
      'slo.yaml',
    ],
    [
      'the file name without an entity',
      '/srv/a/b/slo.yaml',
      undefined,
      'slo.yaml',
    ],
  ])('shows %s', (_name, location, forEntity, expected) => {
    expect(displaySpecLocation(location, forEntity)).toBe(expected);
  });

  it('knows absolute locations', () => {
    expect(isAbsoluteLocation('/srv/x')).toBe(true);
    expect(isAbsoluteLocation('file:/srv/x')).toBe(true);
    expect(isAbsoluteLocation('File:///srv/x')).toBe(true);
    expect(isAbsoluteLocation('./slo.yaml')).toBe(false);
    expect(isAbsoluteLocation('https://x/y')).toBe(false);
  });
});
