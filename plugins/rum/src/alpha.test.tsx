import { isPortalEntity } from './lib/filters';

describe('isPortalEntity', () => {
  const entity = (kind: string, name: string, annotations = {}) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, annotations },
  });
  it.each([
    [entity('Component', 'vigil'), true],
    [entity('Component', 'scoring-api'), false],
    [entity('System', 'vigil'), false],
    [entity('Component', 'portal', { 'vigil.dev/rum-app': 'vigil' }), true],
  ])('%j: %s', (e, expected) => {
    expect(isPortalEntity(e)).toBe(expected);
  });
});
