import { sliExpressions, windowsFor } from './evaluation';
import type { SloDefinition } from './types';

type Entry =
  | { identity: string; expressions: Map<string, string> }
  | { identity: string; error: Error };

/**
 * The raw SLI expression per window of each SLO, kept between evaluation
 * cycles: rendering them runs slo-common's rule generator, too much CPU to
 * repeat for thousands of SLOs every cycle. An entry is rebuilt when the
 * SLO's spec or windows change.
 */
export class SliExpressionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly render: typeof sliExpressions = sliExpressions,
  ) {}

  /** Throws what rendering threw (the same error until the spec changes). */
  expressionsFor(definition: SloDefinition): Map<string, string> {
    const windows = windowsFor(definition);
    // Definitions are read afresh every cycle: compare content, not objects.
    const identity = JSON.stringify([definition.spec, windows]);
    let entry = this.entries.get(definition.sloId);
    if (entry?.identity !== identity) {
      try {
        entry = {
          identity,
          expressions: this.render(definition.spec, windows),
        };
      } catch (error) {
        entry = { identity, error: error as Error };
      }
      this.entries.set(definition.sloId, entry);
    }
    if ('error' in entry) throw entry.error;
    return entry.expressions;
  }

  /** Forgets the SLOs that no longer exist. */
  retainOnly(sloIds: ReadonlySet<string>) {
    for (const sloId of this.entries.keys()) {
      if (!sloIds.has(sloId)) this.entries.delete(sloId);
    }
  }
}
