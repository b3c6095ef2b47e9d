/** A bad command line: the CLI prints the reason and its usage, and exits 2. */
export class UsageError extends Error {}

/** Where the CLI finds the portal and its files. */
export interface GatesContext {
  /** The repository root: relative `--out` and `--file` paths start here. */
  root: string;
  /** The backend's base URL, without a trailing slash. */
  baseUrl: string;
  /** The static token of subject `vigil-gates`; undefined: none found. */
  token?: string;
}

/** What the CLI needs from its process, injected so tests run it in-process. */
export interface CliIo {
  stdout(text: string): void;
  /** Progress and errors. */
  stderr(text: string): void;
  /** The context of this run; `baseUrl` overrides the default backend. */
  context(overrides: { baseUrl?: string }): GatesContext;
}

/**
 * One `vigil-gates` command: its usage line, its help rows, and how it runs
 * from its own arguments (each command parses its own flags).
 */
export interface CliCommand {
  name: string;
  /** Its usage line, after `vigil-gates `. */
  synopsis: string;
  /** Its rows of the help's command list, already laid out. */
  help: string;
  /** Runs it with the arguments after the command name; resolves with the exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}
