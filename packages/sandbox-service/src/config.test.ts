import { ConfigError, readConfig } from './config';

const token = 'a-token-of-sixteen-or-more';

describe('readConfig', () => {
  it('listens on loopback port 8090 with 3 requests a second by default', () => {
    expect(readConfig({ VIGIL_SANDBOX_ADMIN_TOKEN: token })).toEqual({
      host: '127.0.0.1',
      port: 8090,
      adminToken: token,
      trafficPerSecond: 3,
      prometheusUrl: undefined,
    });
  });

  it.each`
    env                                                                      | message
    ${{}}                                                                    | ${/VIGIL_SANDBOX_ADMIN_TOKEN is not set: .*\.data\/sandbox-admin-token/}
    ${{ VIGIL_SANDBOX_ADMIN_TOKEN: 'short' }}                                | ${/at least 16 characters/}
    ${{ VIGIL_SANDBOX_ADMIN_TOKEN: token, SANDBOX_PORT: 'http' }}            | ${/SANDBOX_PORT/}
    ${{ VIGIL_SANDBOX_ADMIN_TOKEN: token, SANDBOX_TRAFFIC_RPS: '500' }}      | ${/SANDBOX_TRAFFIC_RPS/}
    ${{ VIGIL_SANDBOX_ADMIN_TOKEN: token, VIGIL_PROMETHEUS_URL: 'ftp://x' }} | ${/VIGIL_PROMETHEUS_URL/}
  `('refuses $env', ({ env, message }) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });

  it('takes the Prometheus URL without its trailing slash', () => {
    expect(
      readConfig({
        VIGIL_SANDBOX_ADMIN_TOKEN: token,
        VIGIL_PROMETHEUS_URL: 'http://127.0.0.1:9090/',
      }).prometheusUrl,
    ).toBe('http://127.0.0.1:9090');
  });
});
