// Loaded with --require before the backend starts, so OpenTelemetry sees every
// metric Backstage and Vigil's plugins record (MetricsService) and serves them
// to Prometheus at http://127.0.0.1:${VIGIL_BACKEND_METRICS_PORT:-9464}/metrics.
// Loopback by default; production sets VIGIL_BACKEND_METRICS_HOST (e.g.
// 0.0.0.0 in a container) so its Prometheus scrapes it on an internal network,
// never through the public reverse proxy.
// Traces are opt-in with the standard variables (OTEL_TRACES_EXPORTER=otlp and
// OTEL_EXPORTER_OTLP_ENDPOINT): without them the SDK's default would build a
// span for every request and post batches to localhost:4318, where nothing
// listens.
const { isMainThread } = require('node:worker_threads');

// Worker threads load this file too; only the main thread exports.
if (isMainThread) {
  const { NodeSDK } = require('@opentelemetry/sdk-node');
  const { PrometheusExporter } = require('@opentelemetry/exporter-prometheus');
  const {
    HttpInstrumentation,
  } = require('@opentelemetry/instrumentation-http');

  const port = Number(process.env.VIGIL_BACKEND_METRICS_PORT ?? 9464);
  const host = process.env.VIGIL_BACKEND_METRICS_HOST || '127.0.0.1';
  const sdk = new NodeSDK({
    serviceName: 'vigil-backend',
    metricReaders: [new PrometheusExporter({ host, port })],
    instrumentations: [new HttpInstrumentation()],
    ...(process.env.OTEL_TRACES_EXPORTER ? {} : { spanProcessors: [] }),
  });
  sdk.start();
}
