import type { DeployContext } from './context';

/** A bad command line: the CLI prints the reason and its usage, and exits 2. */
export class UsageError extends Error {}

/** What the CLI needs from its process, injected so tests run it in-process. */
export interface CliIo {
  stdout(text: string): void;
  /** Progress and errors. */
  stderr(text: string): void;
  /** Builds the context for this run (paths, ports, tokens, logging). */
  context(overrides: { entityRef?: string }): DeployContext;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}

/**
 * One `vigil-deploy` command: its line of the usage, its paragraph of the
 * help, and how it runs from its own arguments. Each command parses its own
 * flags, so the dispatcher (cli.ts) knows none of them.
 */
export interface CliCommand {
  name: string;
  /** Its usage line, after `vigil-deploy `. */
  synopsis: string;
  /**
   * Its rows of the help's command list, already laid out (name column
   * included); undefined when another command's rows describe it.
   */
  help?: string;
  /** Runs it with the arguments after the command name; resolves with the exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}
