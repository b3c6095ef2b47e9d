import { SANDBOX_SERVICES } from './catalog';
import { RunningSandbox, startSandbox } from './server';
import { TrafficGenerator, trafficRequest } from './traffic';

describe('trafficRequest', () => {
  it.each`
    service        | roll   | method    | path
    ${'checkout'}  | ${0.1} | ${'POST'} | ${/^\/checkout\/v1\/orders$/}
    ${'checkout'}  | ${0.7} | ${'GET'}  | ${/^\/checkout\/v1\/orders\/o-\d+$/}
    ${'inventory'} | ${0.1} | ${'GET'}  | ${/^\/inventory\/v1\/items\/SKU-\d{3}$/}
    ${'inventory'} | ${0.8} | ${'POST'} | ${/^\/inventory\/v1\/reservations$/}
  `('sends $method $path to $service', ({ service, roll, method, path }) => {
    const request = trafficRequest(service, () => roll);
    expect(request.method).toBe(method);
    expect(request.path).toMatch(path);
  });
});

describe('TrafficGenerator', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox(
      {
        host: '127.0.0.1',
        port: 0,
        adminToken: 'traffic-test-token-0123',
        trafficPerSecond: 0,
      },
      { collectDefaults: false },
    );
  });

  afterAll(() => sandbox.stop());

  it('sends requests to every service until stopped', async () => {
    let tick: (() => void) | undefined;
    let stopped = false;
    const traffic = new TrafficGenerator({
      baseUrl: sandbox.url,
      services: SANDBOX_SERVICES,
      requestsPerSecond: 2,
      random: () => 0.1,
      schedule: (next, intervalMs) => {
        expect(intervalMs).toBe(500);
        tick = next;
        return () => {
          stopped = true;
        };
      },
    });
    traffic.start();
    expect(traffic.status().running).toBe(true);
    tick!();
    tick!();
    // stop() waits for the requests on their way.
    await traffic.stop();
    expect(stopped).toBe(true);
    expect(traffic.status()).toEqual({
      running: false,
      requestsPerSecond: 2,
      sent: 4,
      failed: 0,
    });
    const metrics = await (await fetch(`${sandbox.url}/metrics`)).text();
    expect(metrics).toContain(
      'http_requests_total{service="sandbox-checkout",route="/v1/orders",method="POST",status="201",sandbox="true"} 2\n',
    );
    expect(metrics).toContain(
      'http_requests_total{service="sandbox-inventory",route="/v1/items/:sku",method="GET",status="200",sandbox="true"} 2\n',
    );
  });

  it('sends nothing at 0 requests a second', () => {
    const traffic = new TrafficGenerator({
      baseUrl: sandbox.url,
      services: SANDBOX_SERVICES,
      requestsPerSecond: 0,
      schedule: () => {
        throw new Error('must not schedule');
      },
    });
    traffic.start();
    expect(traffic.status().running).toBe(false);
  });
});
