const UNIT_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * The query of the Logs tab over a burn-rate window: the window ending at
 * the evaluation, warnings and worse (what explains burnt budget). The
 * logs plugin reads `from`, `to` and `level` from the URL; this plugin only
 * builds it. Undefined for a window it cannot read or no evaluation.
 */
export function burnLogsQuery(
  window: string,
  evaluatedAt: string | null,
): string | undefined {
  const match = /^(\d+)([mhd])$/.exec(window);
  const to = evaluatedAt === null ? NaN : Date.parse(evaluatedAt);
  if (!match || !Number.isFinite(to)) return undefined;
  const from = to - Number(match[1]) * UNIT_MS[match[2]];
  const params = new URLSearchParams({
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    level: 'warn',
  });
  return `?${params}`;
}
