/**
 * Rule files rendered from the SLO definitions, kept per reader (the set of
 * entities a caller may read) until the definitions change. Generating and
 * rendering every SLO's rules takes seconds at thousands of SLOs and blocks
 * the event loop, while what asks for them (a Prometheus sidecar, an
 * operator) polls the same answer again and again. Concurrent requests for
 * the same answer share one rendering; a failed one is not kept.
 */
export class RenderedRules<T> {
  private readonly entries = new Map<
    string,
    { version: string; value: Promise<T> }
  >();

  /** `capacity`: how many readers' renderings are kept (least recently used go first). */
  constructor(private readonly capacity = 8) {}

  get(version: string, reader: string, render: () => Promise<T>): Promise<T> {
    const kept = this.entries.get(reader);
    this.entries.delete(reader);
    if (kept && kept.version === version) {
      this.entries.set(reader, kept);
      return kept.value;
    }
    const value = render();
    const entry = { version, value };
    this.entries.set(reader, entry);
    value.catch(() => {
      if (this.entries.get(reader) === entry) this.entries.delete(reader);
    });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return value;
  }
}
