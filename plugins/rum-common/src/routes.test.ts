import { normalizeRoute, OTHER_ROUTE } from './routes';

describe('normalizeRoute', () => {
  it.each([
    ['http://localhost:3000/', '/'],
    ['http://localhost:3000', '/'],
    ['http://localhost:3000/catalog?filters[kind]=component', '/catalog'],
    [
      'https://vigil.example.com/catalog/default/component/scoring-api',
      '/catalog/:namespace/:kind/:name',
    ],
    [
      '/catalog/default/component/scoring-api/health?range=1h',
      '/catalog/:namespace/:kind/:name/health',
    ],
    [
      '/catalog/default/Component/vigil/usage/',
      '/catalog/:namespace/:kind/:name/usage',
    ],
    [
      '/catalog/default/component/vigil/some-new-tab',
      '/catalog/:namespace/:kind/:name/:tab',
    ],
    [
      '/docs/default/component/vigil/runbooks/backend-down/',
      '/docs/:namespace/:kind/:name',
    ],
    ['/incidents/8c6b1f2e', '/incidents/:incidentId'],
    ['/incidents/8c6b1f2e/postmortem', '/incidents/:incidentId/postmortem'],
    ['/rum/errors', '/rum/errors'],
    ['/rum/errors/0123456789abcdef', '/rum/errors/:fingerprint'],
    ['/CATALOG', '/catalog'],
    ['/admin/secret/42', OTHER_ROUTE],
    ['/catalog/default/component/a/b/c/d', OTHER_ROUTE],
    ['', OTHER_ROUTE],
    [undefined, OTHER_ROUTE],
    ['http://[bad', OTHER_ROUTE],
  ])('%s is %s', (url, route) => {
    expect(normalizeRoute(url)).toBe(route);
  });
});
