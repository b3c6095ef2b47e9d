/** The addresses of ops/haproxy/haproxy.cfg, as ./vigil start runs it. */
export const PRODUCTION_PORTS = Object.freeze({
  frontend: 8080,
  blue: 8081,
  green: 8082,
  stats: 8404,
});

export interface HaproxyPorts {
  frontend: number;
  blue: number;
  green: number;
  stats: number;
}

/**
 * ops/haproxy/haproxy.cfg with other ports and another admin socket: the
 * tests, drills and benchmarks run a real HAProxy with the real
 * configuration beside a running platform. Throws when the template no
 * longer has the lines it rewrites, so the copy cannot silently drift.
 */
export function renderHaproxyConfig(
  template: string,
  ports: HaproxyPorts,
  socketPath: string,
): string {
  // The production ports, literally: PRODUCTION_PORTS says the same.
  const replacements: Array<[RegExp, string]> = [
    [/^(\s*stats socket )\S+/m, `$1${socketPath}`],
    [/^(\s*bind 127\.0\.0\.1:)8080\b/m, `$1${ports.frontend}`],
    [/^(\s*bind 127\.0\.0\.1:)8404\b/m, `$1${ports.stats}`],
    [/^(\s*server blue 127\.0\.0\.1:)8081\b/m, `$1${ports.blue}`],
    [/^(\s*server green 127\.0\.0\.1:)8082\b/m, `$1${ports.green}`],
  ];
  let config = template;
  for (const [pattern, replacement] of replacements) {
    if (!pattern.test(config)) {
      throw new Error(
        `ops/haproxy/haproxy.cfg has no line matching ${pattern}; update renderHaproxyConfig`,
      );
    }
    config = config.replace(pattern, replacement);
  }
  return config;
}
