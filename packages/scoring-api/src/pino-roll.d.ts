// pino-roll ships no types (and there is no @types package); these are the
// parts the scoring API and @vigil/backend-kit's log file use
// (node_modules/pino-roll/pino-roll.js). One declaration for the repo: the
// root type check sees it from both packages.
declare module 'pino-roll' {
  import type { EventEmitter } from 'node:events';

  /** The sonic-boom stream pino-roll returns (the parts used here). */
  interface RollingStream extends EventEmitter {
    /** The file written now. */
    readonly file: string;
    write(data: string): boolean;
    flush(callback?: (error?: Error) => void): void;
    flushSync(): void;
    end(): void;
  }

  interface PinoRollOptions {
    /** The file's path without its number: `<file>.<n>.<extension>`. */
    file: string;
    /** Rotate at this size: `10m`, `500k`, `1g` or megabytes. */
    size?: string | number;
    /** Rotate `daily`, `hourly` or every so many milliseconds. */
    frequency?: string | number;
    extension?: string;
    symlink?: boolean;
    dateFormat?: string;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
    sync?: boolean;
  }

  function pinoRoll(options: PinoRollOptions): Promise<RollingStream>;
  export = pinoRoll;
}
