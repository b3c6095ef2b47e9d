/**
 * The app's route patterns, most specific first: what a page URL becomes in
 * the `route` label of the web-vitals histograms and in stored page loads.
 * Anything else is `other`, so the label's values stay a short, fixed list
 * whatever URLs users open (entity names, ids and query strings never reach
 * Prometheus).
 * @public
 */
export const APP_ROUTE_PATTERNS: readonly string[] = [
  '/',
  '/home',
  '/catalog',
  '/catalog/:namespace/:kind/:name',
  ...[
    'health',
    'logs',
    'slos',
    'incidents',
    'deployments',
    'oncall',
    'launch',
    'usage',
    'docs',
    'api',
    'dependencies',
  ].map(tab => `/catalog/:namespace/:kind/:name/${tab}`),
  '/catalog/:namespace/:kind/:name/:tab',
  '/catalog-import',
  '/catalog-graph',
  '/api-docs',
  '/docs',
  '/docs/:namespace/:kind/:name',
  '/create',
  '/search',
  '/settings',
  '/notifications',
  '/incidents',
  '/incidents/:incidentId',
  '/incidents/:incidentId/postmortem',
  '/oncall',
  '/oncall/pages/:id',
  '/slos',
  '/launch-gates',
  '/rum/errors',
  '/rum/errors/:fingerprint',
];

/**
 * The label value of every path that matches no pattern.
 * @public
 */
export const OTHER_ROUTE = 'other';

const split = (path: string) => path.split('/').filter(s => s.length > 0);

const COMPILED = APP_ROUTE_PATTERNS.map(pattern => ({
  pattern,
  segments: split(pattern),
}));

/**
 * The path of a page URL (absolute or not): no origin, query or fragment,
 * no trailing slash. Undefined when it cannot be parsed.
 * @public
 */
export function pathOf(url: string): string | undefined {
  try {
    const parsed = new URL(url, 'http://relative.invalid');
    const path = parsed.pathname.replace(/\/+$/, '');
    return path === '' ? '/' : path;
  } catch {
    return undefined;
  }
}

/**
 * The pattern of `APP_ROUTE_PATTERNS` a page URL (or path) matches, else
 * `other`. Literal segments match case-insensitively; `:param` matches one
 * segment; docs pages below an entity's root count as its docs route.
 * @public
 */
export function normalizeRoute(url: string | undefined): string {
  if (!url) return OTHER_ROUTE;
  const path = pathOf(url);
  if (!path) return OTHER_ROUTE;
  let segments = split(path);
  // TechDocs pages: /docs/<ns>/<kind>/<name>/<any page path>.
  if (segments[0]?.toLowerCase() === 'docs' && segments.length > 4) {
    segments = segments.slice(0, 4);
  }
  for (const { pattern, segments: expected } of COMPILED) {
    if (expected.length !== segments.length) continue;
    const matches = expected.every(
      (want, i) => want.startsWith(':') || want === segments[i].toLowerCase(),
    );
    if (matches) return pattern;
  }
  return OTHER_ROUTE;
}
