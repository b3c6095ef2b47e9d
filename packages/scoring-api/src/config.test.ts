import { ConfigError, readConfig } from './config';

describe('readConfig', () => {
  it('has loopback defaults and Redis on its standard port', () => {
    expect(readConfig({})).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      redisUrl: 'redis://127.0.0.1:6379',
    });
  });

  it('uses the in-process store for SCORING_REDIS_URL=none', () => {
    expect(readConfig({ SCORING_REDIS_URL: 'none' }).redisUrl).toBeUndefined();
  });

  it('reads the admin token, preferring VIGIL_SCORING_ADMIN_TOKEN', () => {
    expect(readConfig({}).adminToken).toBeUndefined();
    expect(readConfig({ SCORING_ADMIN_TOKEN: 'old' }).adminToken).toBe('old');
    expect(
      readConfig({
        SCORING_ADMIN_TOKEN: 'old',
        VIGIL_SCORING_ADMIN_TOKEN: 'new',
      }).adminToken,
    ).toBe('new');
  });

  it('accepts loopback names by default and SCORING_ALLOWED_HOSTS', () => {
    expect(readConfig({}).allowedHosts).toEqual([
      'localhost',
      '127.0.0.1',
      '[::1]',
    ]);
    expect(
      readConfig({ SCORING_ALLOWED_HOSTS: 'a.internal, b.example:443' })
        .allowedHosts,
    ).toEqual(['a.internal', 'b.example:443']);
  });

  it.each([
    [{ SCORING_ALLOWED_HOSTS: ' , ' }, /SCORING_ALLOWED_HOSTS/],
    [{ SCORING_ALLOWED_HOSTS: 'http://evil' }, /SCORING_ALLOWED_HOSTS/],
    [{ SCORING_PORT: 'eighty' }, /SCORING_PORT/],
    [{ SCORING_PORT: '70000' }, /SCORING_PORT/],
    [{ SCORING_REDIS_URL: 'localhost:6379' }, /SCORING_REDIS_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ SCORING_COLOR: 'red' }, /SCORING_COLOR/],
    [{ SCORING_COMMIT: 'not-a-commit' }, /SCORING_COMMIT/],
    [{ SCORING_VERSION: '1.0 beta' }, /SCORING_VERSION/],
    [{ SCORING_FAULTS: '{errorRate:1}' }, /SCORING_FAULTS is not JSON/],
    [{ SCORING_FAULTS: '{"errorRate":2}' }, /SCORING_FAULTS errorRate/],
    [{ SCORING_FAULTS: '{"explode":true}' }, /SCORING_FAULTS.*explode/],
    [{ SCORING_FAULTS_AFTER_REQUESTS: '-1' }, /SCORING_FAULTS_AFTER_REQUESTS/],
  ])('rejects %j', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });

  it('names the release and its colour, with a dev default', () => {
    expect(readConfig({}).build).toEqual({
      version: 'dev',
      commit: 'unknown',
      color: 'none',
    });
    expect(
      readConfig({
        SCORING_VERSION: '0.1.0+3f2a1bc.dirty',
        SCORING_COMMIT: '3f2a1bc',
        SCORING_COLOR: 'green',
      }).build,
    ).toEqual({
      version: '0.1.0+3f2a1bc.dirty',
      commit: '3f2a1bc',
      color: 'green',
    });
  });

  it('reads faults from SCORING_FAULTS, filling in the unset ones', () => {
    expect(readConfig({}).faults).toBeUndefined();
    const config = readConfig({
      SCORING_FAULTS: '{"errorRate":0.5}',
      SCORING_FAULTS_AFTER_REQUESTS: '20',
    });
    expect(config.faults).toEqual({
      latencyMs: 0,
      latencyJitterMs: 0,
      errorRate: 0.5,
      dependencyOutage: false,
    });
    expect(config.faultsAfterRequests).toBe(20);
  });
});
