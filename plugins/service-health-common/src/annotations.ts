/**
 * The catalog annotations that give an entity a Health tab, and their
 * parsing: which Prometheus series are the service's, which metric names it
 * exports, and the service-specific series it lists.
 */

/**
 * The Prometheus job that scrapes the service: `job="<value>"`.
 * @public
 */
export const PROMETHEUS_JOB_ANNOTATION = 'vigil.dev/prometheus-job';
/**
 * A full label matcher, e.g. `job="vigil-backend",env="prod"`; wins over the job.
 * @public
 */
export const PROMETHEUS_SELECTOR_ANNOTATION = 'vigil.dev/prometheus-selector';
/**
 * Which metric names the service exports: `prom-client` (default) or `opentelemetry`.
 * @public
 */
export const HEALTH_METRICS_ANNOTATION = 'vigil.dev/health-metrics';
/**
 * Service-specific series, one `Title | unit | PromQL` per line.
 * @public
 */
export const HEALTH_SERIES_ANNOTATION = 'vigil.dev/health-series';

/** @public */
export const METRIC_PROFILES = ['prom-client', 'opentelemetry'] as const;
/** @public */
export type MetricProfile = (typeof METRIC_PROFILES)[number];

/** Units a panel can be drawn in. @public */
export const HEALTH_UNITS = [
  'ratio',
  'seconds',
  'bytes',
  'cores',
  'requests/s',
  'ops/s',
  'count',
] as const;
/** @public */
export type HealthUnit = (typeof HEALTH_UNITS)[number];

/** One line of `vigil.dev/health-series`. @public */
export interface ServiceSeriesSpec {
  title: string;
  unit: HealthUnit;
  /** PromQL with `$selector` (the entity's matchers) and optionally `$rate`. */
  query: string;
}

/** What an entity's annotations say, or why they cannot be used. @public */
export interface HealthAnnotations {
  /** Label matchers without braces, e.g. `job="scoring-api"`; undefined when invalid or absent. */
  selector?: string;
  profile: MetricProfile;
  series: ServiceSeriesSpec[];
  /** Every problem found, one sentence each (the rest still applies). */
  issues: string[];
}

/** Most service-specific series an entity may list. @public */
export const MAX_SERVICE_SERIES = 8;
const MAX_TITLE = 60;
const MAX_QUERY = 1_000;
const MAX_SELECTOR = 500;

/** Whether the entity has the annotations a Health tab needs. @public */
export function hasHealthAnnotations(
  annotations: Record<string, string> | undefined,
): boolean {
  return Boolean(
    annotations?.[PROMETHEUS_SELECTOR_ANNOTATION]?.trim() ||
      annotations?.[PROMETHEUS_JOB_ANNOTATION]?.trim(),
  );
}

/** A label value as a PromQL string literal. @public */
export function quoteLabelValue(value: string): string {
  return `"${value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')}"`;
}

/**
 * Parses a label matcher list (`a="x",b=~"y|z"`, braces optional) into its
 * canonical text. Only matchers: nothing can close the braces a query puts
 * it in. At least one matcher must select something (`=` or `=~` with a
 * value that is not empty), as Prometheus itself requires.
 * @public
 */
export function parseSelector(
  text: string,
): { selector: string } | { error: string } {
  let rest = text.trim();
  if (rest.startsWith('{') && rest.endsWith('}')) rest = rest.slice(1, -1);
  if (!rest.trim()) return { error: 'the selector is empty' };
  if (rest.length > MAX_SELECTOR) {
    return { error: `the selector is longer than ${MAX_SELECTOR} characters` };
  }
  const matchers: string[] = [];
  let selects = false;
  let position = 0;
  while (position < rest.length) {
    const head = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"/.exec(
      rest.slice(position),
    );
    if (!head) {
      return {
        error: `expected a matcher such as job="name" at "${rest
          .slice(position)
          .trim()
          .slice(0, 30)}"`,
      };
    }
    const [whole, name, operator] = head;
    let index = position + whole.length;
    let value = '';
    for (;;) {
      if (index >= rest.length) {
        return { error: `the value of ${name} has no closing quote` };
      }
      const char = rest[index];
      if (char === '\\' && index + 1 < rest.length) {
        value += rest.slice(index, index + 2);
        index += 2;
      } else if (char === '"') {
        index += 1;
        break;
      } else if (char === '\n') {
        return { error: `the value of ${name} spans lines` };
      } else {
        value += char;
        index += 1;
      }
    }
    if ((operator === '=' || operator === '=~') && value !== '') {
      selects = true;
    }
    matchers.push(`${name}${operator}"${value}"`);
    const separator = /^\s*(,|$)/.exec(rest.slice(index));
    if (!separator) {
      return {
        error: `expected "," after the matcher of ${name} at "${rest
          .slice(index)
          .trim()
          .slice(0, 30)}"`,
      };
    }
    position = index + separator[0].length;
  }
  if (!selects) {
    return {
      error: 'at least one matcher must be = or =~ with a non-empty value',
    };
  }
  return { selector: matchers.join(',') };
}

/**
 * Parses `vigil.dev/health-series`: one `Title | unit | PromQL` per line
 * (blank lines and lines starting with `#` skipped). The PromQL must use
 * `$selector` inside a metric's braces, so a series is always the entity's
 * own; `$rate` is the range's rate window. Bad lines are reported and
 * skipped.
 * @public
 */
export function parseServiceSeries(text: string | undefined): {
  series: ServiceSeriesSpec[];
  issues: string[];
} {
  const series: ServiceSeriesSpec[] = [];
  const issues: string[] = [];
  const lines = (text ?? '').split('\n');
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const where = `${HEALTH_SERIES_ANNOTATION} line ${index + 1}`;
    const parts = line.split('|');
    if (parts.length < 3) {
      issues.push(`${where}: expected "Title | unit | PromQL"`);
      return;
    }
    const title = parts[0].trim();
    const unit = parts[1].trim();
    // A PromQL `or`/`|` never appears, but keep whatever follows the 2nd bar.
    const query = parts.slice(2).join('|').trim();
    if (!title || title.length > MAX_TITLE) {
      issues.push(`${where}: the title must be 1 to ${MAX_TITLE} characters`);
      return;
    }
    if (!(HEALTH_UNITS as readonly string[]).includes(unit)) {
      issues.push(
        `${where}: unknown unit "${unit}" (one of ${HEALTH_UNITS.join(', ')})`,
      );
      return;
    }
    if (!query.includes('$selector')) {
      issues.push(`${where}: the PromQL must use $selector`);
      return;
    }
    if (query.length > MAX_QUERY) {
      issues.push(
        `${where}: the PromQL is longer than ${MAX_QUERY} characters`,
      );
      return;
    }
    if (series.length >= MAX_SERVICE_SERIES) {
      issues.push(`${where}: more than ${MAX_SERVICE_SERIES} series; skipped`);
      return;
    }
    series.push({ title, unit: unit as HealthUnit, query });
  });
  return { series, issues };
}

/**
 * Reads every health annotation of an entity.
 * @public
 */
export function readHealthAnnotations(
  annotations: Record<string, string> | undefined,
): HealthAnnotations {
  const issues: string[] = [];
  let selector: string | undefined;
  const selectorText = annotations?.[PROMETHEUS_SELECTOR_ANNOTATION]?.trim();
  const job = annotations?.[PROMETHEUS_JOB_ANNOTATION]?.trim();
  if (selectorText) {
    const parsed = parseSelector(selectorText);
    if ('error' in parsed) {
      issues.push(`${PROMETHEUS_SELECTOR_ANNOTATION}: ${parsed.error}`);
    } else {
      selector = parsed.selector;
    }
  } else if (job) {
    selector = `job=${quoteLabelValue(job)}`;
  } else {
    issues.push(
      `the entity has neither ${PROMETHEUS_JOB_ANNOTATION} nor ${PROMETHEUS_SELECTOR_ANNOTATION}`,
    );
  }

  let profile: MetricProfile = 'prom-client';
  const profileText = annotations?.[HEALTH_METRICS_ANNOTATION]?.trim();
  if (profileText) {
    if ((METRIC_PROFILES as readonly string[]).includes(profileText)) {
      profile = profileText as MetricProfile;
    } else {
      issues.push(
        `${HEALTH_METRICS_ANNOTATION}: unknown profile "${profileText}" (one of ${METRIC_PROFILES.join(
          ', ',
        )}); using prom-client`,
      );
    }
  }

  const parsedSeries = parseServiceSeries(
    annotations?.[HEALTH_SERIES_ANNOTATION],
  );
  return {
    selector,
    profile,
    series: parsedSeries.series,
    issues: [...issues, ...parsedSeries.issues],
  };
}

/**
 * A short stable id for a title: `Feature cache hit ratio` becomes
 * `feature-cache-hit-ratio`.
 * @public
 */
export function slugOf(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'series'
  );
}
