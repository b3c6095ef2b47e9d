import fs from 'node:fs/promises';
import path from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { RumStackFrame } from '@vigil/backstage-plugin-rum-common';

/** Bundle names the app build writes (`static/main.<hash>.js`): no paths. */
const BUNDLE_NAME = /^[\w.-]{1,200}\.js$/;
const MAX_CACHED_MAPS = 64;
const MAX_MAP_BYTES = 50 * 1024 * 1024;

/**
 * Maps stack frames of the production app back to its sources with the
 * `.js.map` files `backstage-cli package build` writes beside the bundles
 * (devtool `source-map`: `packages/app/dist/static/*.js.map`). Only a
 * frame's file NAME is used to find a map, inside the configured
 * directory, so a payload cannot make the backend read anything else.
 * Maps are parsed once and cached (a bounded LRU, misses included).
 */
export class SourceMapResolver {
  private readonly cache = new Map<string, TraceMap | null>();

  constructor(
    private readonly options: {
      /** The app build's directory (holding `static/`); undefined: no mapping. */
      directory?: string;
      logger: LoggerService;
    },
  ) {}

  /** The frames mapped where a map was found, and whether any was. */
  async mapFrames(
    frames: readonly RumStackFrame[],
  ): Promise<{ frames: RumStackFrame[]; mapped: boolean }> {
    let mapped = false;
    const result: RumStackFrame[] = [];
    for (const frame of frames) {
      const original = await this.mapFrame(frame);
      if (original) mapped = true;
      result.push(original ?? frame);
    }
    return { frames: result, mapped };
  }

  private async mapFrame(
    frame: RumStackFrame,
  ): Promise<RumStackFrame | undefined> {
    if (!frame.lineno || frame.colno === undefined) return undefined;
    const map = await this.mapFor(frame.filename);
    if (!map) return undefined;
    const position = originalPositionFor(map, {
      line: frame.lineno,
      column: Math.max(0, frame.colno - 1),
    });
    if (position.source === null || position.line === null) return undefined;
    return {
      function: position.name ?? frame.function,
      filename: cleanSource(position.source),
      lineno: position.line,
      colno: (position.column ?? 0) + 1,
    };
  }

  private async mapFor(filename: string): Promise<TraceMap | undefined> {
    const { directory } = this.options;
    if (!directory) return undefined;
    const name = bundleName(filename);
    if (!name) return undefined;
    if (this.cache.has(name)) {
      const hit = this.cache.get(name)!;
      this.cache.delete(name);
      this.cache.set(name, hit);
      return hit ?? undefined;
    }
    const map = await this.load(directory, name);
    this.cache.set(name, map);
    if (this.cache.size > MAX_CACHED_MAPS) {
      this.cache.delete(this.cache.keys().next().value!);
    }
    return map ?? undefined;
  }

  private async load(directory: string, name: string) {
    for (const candidate of [
      path.join(directory, 'static', `${name}.map`),
      path.join(directory, `${name}.map`),
    ]) {
      try {
        // The configured directory and a name checked against BUNDLE_NAME.
        // eslint-disable-next-line security/detect-non-literal-fs-filename
        const stat = await fs.stat(candidate);
        if (!stat.isFile() || stat.size > MAX_MAP_BYTES) continue;
        // eslint-disable-next-line security/detect-non-literal-fs-filename
        return new TraceMap(await fs.readFile(candidate, 'utf8'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        this.options.logger.warn(
          `Could not read the source map ${name}.map: ${String(error)}`,
        );
        return null;
      }
    }
    return null;
  }
}

/** The bundle file name of a frame's URL, if it looks like one. */
export function bundleName(filename: string): string | undefined {
  let pathname = filename;
  try {
    pathname = new URL(filename).pathname;
  } catch {
    pathname = filename.replace(/[?#].*$/, '');
  }
  const name = pathname.split('/').pop() ?? '';
  return BUNDLE_NAME.test(name) && !name.startsWith('.') ? name : undefined;
}

/** A map's source path, shorter: no `file://`, `webpack://` or build root. */
function cleanSource(source: string): string {
  const text = source.replace(/^(?:webpack|file):\/\/\/?/, '/');
  const markers = ['/plugins/', '/packages/', '/node_modules/'];
  for (const marker of markers) {
    const at = text.indexOf(marker);
    if (at >= 0) return text.slice(at + 1);
  }
  return text.replace(/^\/+/, '');
}
