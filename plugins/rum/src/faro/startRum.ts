import {
  type Faro,
  getWebInstrumentations,
  initializeFaro,
  type Transport,
} from '@grafana/faro-web-sdk';
import { scrubItem } from './scrub';
import { trackRouteChanges } from './trackRouteChanges';

/** How the app starts Faro (from `rum.*` config and the signed-in user). */
export interface RumOptions {
  /** The collector (`/api/rum/collect` or an Alloy faro.receiver). */
  collectorUrl: string;
  apiKey?: string;
  app: { name: string; version: string; environment: string };
  /** Share of sessions sampled, 0 to 1. */
  sampleRate: number;
  /** Transports instead of the FetchTransport to `collectorUrl` (tests). */
  transports?: Transport[];
}

/**
 * Initialises Grafana Faro: errors (window errors, unhandled rejections),
 * web vitals (LCP, INP, CLS, FCP, TTFB), sessions (persistent across
 * reloads) and route changes. No console capture and no resource timings:
 * they would carry arbitrary text and URLs. Returns the Faro instance and
 * a function that stops route tracking.
 */
export function startRum(options: RumOptions): {
  faro: Faro;
  stop: () => void;
} {
  const faro = initializeFaro({
    ...(options.transports
      ? { transports: options.transports }
      : { url: options.collectorUrl, apiKey: options.apiKey }),
    app: options.app,
    instrumentations: getWebInstrumentations({
      captureConsole: false,
      enablePerformanceInstrumentation: false,
    }),
    sessionTracking: {
      enabled: true,
      persistent: true,
      samplingRate: options.sampleRate,
    },
    beforeSend: scrubItem,
    // The collector's own requests are never tracked.
    ignoreUrls: [options.collectorUrl],
  });
  const stop = trackRouteChanges((name, attributes) =>
    faro.api.pushEvent(name, attributes),
  );
  return { faro, stop };
}
