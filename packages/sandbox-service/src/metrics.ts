import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
} from 'prom-client';
import type { SandboxServiceDefinition } from './catalog';

/**
 * The sandbox's Prometheus metrics, named as the scoring API's (prom-client
 * RED metrics, so the Health tab's `prom-client` profile and SLO specs read
 * them the same way), with a `service` label naming the synthetic service
 * and `sandbox="true"` on every series: never mistaken for a real service.
 */
export class SandboxMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests handled, by synthetic service, route template, method and status code',
    labelNames: ['service', 'route', 'method', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency, by synthetic service, route template, method and status code',
    labelNames: ['service', 'route', 'method', 'status'] as const,
    // Dense around the sandbox's 250 ms latency objective (le="0.25").
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly injectedFaults = new Counter({
    name: 'sandbox_injected_faults_total',
    help: 'Faults injected into requests, by synthetic service and kind (error, latency)',
    labelNames: ['service', 'kind'] as const,
    registers: [this.registry],
  });

  readonly faultErrorRate = new Gauge({
    name: 'sandbox_fault_error_rate',
    help: 'The injected error rate of each synthetic service (0 to 1)',
    labelNames: ['service'] as const,
    registers: [this.registry],
  });

  readonly faultLatency = new Gauge({
    name: 'sandbox_fault_latency_seconds',
    help: 'The latency injected into each request of each synthetic service',
    labelNames: ['service'] as const,
    registers: [this.registry],
  });

  constructor(
    services: readonly SandboxServiceDefinition[],
    options: { collectDefaults?: boolean } = {},
  ) {
    this.registry.setDefaultLabels({ sandbox: 'true' });
    if (options.collectDefaults !== false) {
      collectDefaultMetrics({ register: this.registry });
    }
    // Known series at zero: an SLO whose error query finds no 5xx series
    // must see zero errors from the first scrape, not "no data".
    for (const service of services) {
      for (const route of service.routes) {
        for (const status of route.statuses) {
          const labels = {
            service: service.alertService,
            route: route.path,
            method: route.method,
            status,
          };
          this.httpRequests.inc(labels, 0);
          this.httpDuration.zero(labels);
        }
      }
      this.recordFaults(service.alertService, { errorRate: 0, latencyMs: 0 });
      for (const kind of ['error', 'latency']) {
        this.injectedFaults.inc({ service: service.alertService, kind }, 0);
      }
    }
  }

  recordFaults(
    service: string,
    faults: { errorRate: number; latencyMs: number },
  ): void {
    this.faultErrorRate.set({ service }, faults.errorRate);
    this.faultLatency.set({ service }, faults.latencyMs / 1000);
  }
}

const SERVICE_LABEL = /[{,]service="((?:[^"\\]|\\.)*)"/;

/**
 * The exposition text with only one service's series and the series of no
 * service (the process's own): what one scrape target of the sandbox job
 * reads (`/metrics?service=checkout`), so each synthetic service is a
 * target of its own and the shared process metrics carry its label too.
 */
export function metricsOfService(text: string, service: string): string {
  return text
    .split('\n')
    .filter(line => {
      if (line.startsWith('#')) return true;
      const match = SERVICE_LABEL.exec(line);
      return !match || match[1] === service;
    })
    .join('\n');
}
