import { metricsOfService } from './metrics';

const text = [
  '# HELP http_requests_total x',
  '# TYPE http_requests_total counter',
  'http_requests_total{service="sandbox-checkout",route="/v1/orders",sandbox="true"} 3',
  'http_requests_total{service="sandbox-inventory",route="/v1/items/:sku",sandbox="true"} 4',
  'process_cpu_seconds_total{sandbox="true"} 1.5',
  'sandbox_fault_error_rate{service="sandbox-checkout",sandbox="true"} 0',
  'sandbox_fault_error_rate{exported_service="x",service="sandbox-inventory",sandbox="true"} 0',
  '',
].join('\n');

describe('metricsOfService', () => {
  it.each`
    service                | kept                                                                                                           | dropped
    ${'sandbox-checkout'}  | ${['route="/v1/orders"', 'process_cpu_seconds_total', 'sandbox_fault_error_rate{service="sandbox-checkout"']}  | ${['sandbox-inventory']}
    ${'sandbox-inventory'} | ${['route="/v1/items/:sku"', 'process_cpu_seconds_total', 'exported_service="x",service="sandbox-inventory"']} | ${['sandbox-checkout']}
  `('keeps $service and the process series', ({ service, kept, dropped }) => {
    const out = metricsOfService(text, service);
    for (const part of kept) expect(out).toContain(part);
    for (const part of dropped) expect(out).not.toContain(part);
    expect(out).toContain('# TYPE http_requests_total counter');
  });
});
