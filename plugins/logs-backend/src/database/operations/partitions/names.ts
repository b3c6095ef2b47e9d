const DAY_MS = 86_400_000;

/** `log_lines_pYYYYMMDD` of the UTC day holding `ms`. */
export function partitionName(ms: number): string {
  return `log_lines_p${new Date(ms)
    .toISOString()
    .slice(0, 10)
    .replace(/-/g, '')}`;
}

/** The UTC day (epoch ms at 00:00) a partition name covers, or undefined. */
export function partitionDay(name: string): number | undefined {
  const match = /^log_lines_p(\d{4})(\d{2})(\d{2})$/.exec(name);
  if (!match) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isFinite(ms) ? ms : undefined;
}

/** 00:00 UTC of the day holding `ms`. */
export const startOfUtcDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

export { DAY_MS };
