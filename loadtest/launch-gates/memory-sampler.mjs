// Samples a service's resident memory from its Prometheus endpoint while a
// load test runs: the peak is the launch gates' `peakMemoryBytes`.

/** The value of `process_resident_memory_bytes` in a Prometheus text exposition, or undefined. */
export function residentMemoryOf(text) {
  const match = text.match(
    /^process_resident_memory_bytes(?:\{[^}]*\})?\s+([0-9.eE+-]+)\s*$/m,
  );
  const value = match ? Number(match[1]) : NaN;
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Reads `metricsUrl` every `everyMs` until `stop()`; resolves with the
 * highest resident memory seen and how many samples were read.
 */
export function sampleResidentMemory(metricsUrl, everyMs = 500) {
  let peak = 0;
  let samples = 0;
  let failures = 0;
  let running = true;
  const sample = async () => {
    try {
      const res = await fetch(metricsUrl, {
        signal: AbortSignal.timeout(2000),
      });
      const bytes = residentMemoryOf(await res.text());
      if (bytes === undefined) failures += 1;
      else {
        samples += 1;
        peak = Math.max(peak, bytes);
      }
    } catch {
      failures += 1;
    }
  };
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      await sample();
      await new Promise(r =>
        setTimeout(r, Math.max(0, everyMs - (Date.now() - started))),
      );
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      // One last reading after the load: memory does not drop at once.
      await sample();
      return { peakBytes: peak, samples, failures };
    },
  };
}
