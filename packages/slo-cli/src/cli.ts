import { parseArgs } from 'node:util';
import {
  AlertWindowsError,
  DEFAULT_GENERATOR_VERSION,
  SloGenerationError,
  generateRuleFiles,
  parseAlertWindows,
  parseSloSpecs,
  renderRuleFilesYaml,
} from '@vigil/backstage-plugin-slo-common';

/** What the CLI touches, injected so tests run it without a process. */
export interface CliIo {
  readFile(path: string): string;
  writeFile(path: string, content: string): void;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const USAGE = `usage: vigil-slo generate --input FILE [--period 30d] [--windows FILE]
                          [--extra-label k=v]... [--disable-alerts] [--disable-recordings]
                          [--out FILE]
       vigil-slo validate --input FILE [--period 30d]

Reads SLO specs (Sloth prometheus/v1, Sloth PrometheusServiceLevel, OpenSLO) and
prints Sloth-compatible Prometheus rules as YAML.`;

class UsageError extends Error {}

function parseExtraLabels(pairs: string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of pairs) {
    const match = /^([a-zA-Z_][a-zA-Z0-9_]*)=(.*)$/.exec(pair);
    if (!match) {
      throw new UsageError(
        `--extra-label "${pair}" must be name=value with a Prometheus label name`,
      );
    }
    labels[match[1]] = match[2];
  }
  return labels;
}

function read(io: CliIo, path: string, what: string): string {
  try {
    return io.readFile(path);
  } catch (error) {
    throw new UsageError(
      `cannot read ${what} ${path}: ${
        (error as NodeJS.ErrnoException).code ?? (error as Error).message
      }`,
    );
  }
}

/** Runs the CLI; returns the process exit code (0 ok, 1 invalid specs, 2 usage). */
export function runCli(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  try {
    if (command !== 'generate' && command !== 'validate') {
      throw new UsageError(
        command ? `unknown command "${command}"` : 'no command given',
      );
    }
    let values;
    try {
      ({ values } = parseArgs({
        args: rest,
        options: {
          input: { type: 'string', short: 'i' },
          period: { type: 'string', short: 'p' },
          windows: { type: 'string', short: 'w' },
          'extra-label': { type: 'string', short: 'l', multiple: true },
          'disable-alerts': { type: 'boolean' },
          'disable-recordings': { type: 'boolean' },
          out: { type: 'string', short: 'o' },
        },
        strict: true,
      }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (!values.input) throw new UsageError('--input FILE is required');

    const windows = values.windows
      ? parseAlertWindows(read(io, values.windows, 'alert windows file'), {
          source: values.windows,
        })
      : undefined;
    const period = values.period ?? windows?.sloPeriod;
    const parsed = parseSloSpecs(read(io, values.input, 'SLO spec'), {
      source: values.input,
      period,
    });
    for (const warning of parsed.warnings) {
      io.stderr(`warning: ${warning.message}\n`);
    }
    if (parsed.errors.length > 0) {
      for (const error of parsed.errors) io.stderr(`error: ${error.message}\n`);
      return 1;
    }
    if (command === 'validate') {
      io.stdout(`${values.input}: ${parsed.specs.length} valid SLO(s)\n`);
      return 0;
    }

    const files = generateRuleFiles(parsed.specs, {
      period,
      windows,
      extraLabels: parseExtraLabels(values['extra-label'] ?? []),
      disableAlerts: values['disable-alerts'],
      disableRecordings: values['disable-recordings'],
    });
    const yaml = renderRuleFilesYaml(files, {
      version: DEFAULT_GENERATOR_VERSION,
    });
    if (values.out) io.writeFile(values.out, yaml);
    else io.stdout(yaml);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`vigil-slo: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    if (
      error instanceof AlertWindowsError ||
      error instanceof SloGenerationError
    ) {
      io.stderr(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
