import { mockServices } from '@backstage/backend-test-utils';
import { createDependencyHealth } from './DependencyHealth';
import { DependencyUnavailableError } from './errors';
import { createResilientFetch } from './resilientFetch';
import { throughDependency } from './throughDependency';

function setup(answers: Array<number | Error>) {
  const health = createDependencyHealth({
    logger: mockServices.logger.mock(),
    backoff: { initialDelayMs: 1, maxDelayMs: 2 },
  });
  const dependency = health.dependency('catalog', {
    retries: 2,
    timeoutMs: 500,
    breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 },
  });
  const requests: Array<{ url: string; method: string; signal?: AbortSignal }> =
    [];
  const fetchImpl = jest.fn(async (input: any, init?: RequestInit) => {
    requests.push({
      url: String(input),
      method: init?.method ?? 'GET',
      signal: init?.signal ?? undefined,
    });
    const answer = answers[Math.min(requests.length - 1, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    return new Response(JSON.stringify({ status: answer }), {
      status: answer,
    });
  }) as unknown as typeof fetch;
  return { dependency, fetchImpl, requests };
}

describe('createResilientFetch', () => {
  it.each([
    { method: 'GET', answers: [503, 502, 200], requests: 3, status: 200 },
    { method: 'GET', answers: [503], requests: 3, status: 503 },
    { method: 'POST', answers: [503, 200], requests: 1, status: 503 },
    { method: 'GET', answers: [404], requests: 1, status: 404 },
    { method: 'GET', answers: [429, 200], requests: 2, status: 200 },
  ])(
    '$method answered $answers: $requests request(s), returns $status',
    async ({ method, answers, requests: count, status }) => {
      const { dependency, fetchImpl, requests } = setup(answers);
      const resilientFetch = createResilientFetch(dependency, {
        fetch: fetchImpl,
      });
      const response = await resilientFetch('http://catalog/entities', {
        method,
      });
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ status });
      expect(requests).toHaveLength(count);
    },
  );

  it('retries the read-only POSTs it is told are idempotent', async () => {
    const { dependency, fetchImpl, requests } = setup([503, 200]);
    const resilientFetch = createResilientFetch(dependency, {
      fetch: fetchImpl,
      isIdempotent: (method, url) =>
        method === 'GET' || url.pathname === '/entities/by-refs',
    });
    const response = await resilientFetch('http://catalog/entities/by-refs', {
      method: 'POST',
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(requests).toHaveLength(2);
  });

  it('throws connection errors and then fails fast once the breaker is open', async () => {
    const { dependency, fetchImpl, requests } = setup([
      new TypeError('fetch failed'),
    ]);
    const resilientFetch = createResilientFetch(dependency, {
      fetch: fetchImpl,
    });
    // The third attempt opens the breaker; its own error is the answer.
    await expect(resilientFetch('http://catalog/entities')).rejects.toThrow(
      'fetch failed',
    );
    expect(requests).toHaveLength(3);
    expect(dependency.state()).toMatchObject({ status: 'down' });
    const error = await resilientFetch('http://catalog/entities').catch(e => e);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(error).toMatchObject({ reason: 'circuit-open' });
    expect(requests).toHaveLength(3);
  });

  it('passes an abort signal that the caller own signal also aborts', async () => {
    const { dependency, fetchImpl, requests } = setup([200]);
    const resilientFetch = createResilientFetch(dependency, {
      fetch: fetchImpl,
    });
    const controller = new AbortController();
    await resilientFetch('http://catalog/entities', {
      signal: controller.signal,
    });
    expect(requests[0].signal?.aborted).toBe(false);
    controller.abort();
    expect(requests[0].signal?.aborted).toBe(true);
  });
});

describe('throughDependency', () => {
  it('sends through the dependency without retrying and keeps other members', async () => {
    const health = createDependencyHealth({
      logger: mockServices.logger.mock(),
    });
    const dependency = health.dependency('notifications', {
      retries: 2,
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
    });
    const send = jest.fn(async (_: { title: string }) => {
      throw new Error('connect ECONNREFUSED');
    });
    const service = { send, name: 'notifications' };
    const wrapped = throughDependency(service, dependency, ['send']);
    expect(wrapped.name).toBe('notifications');
    await expect(wrapped.send({ title: 'a' })).rejects.toThrow('ECONNREFUSED');
    await expect(wrapped.send({ title: 'b' })).rejects.toThrow('ECONNREFUSED');
    await expect(wrapped.send({ title: 'c' })).rejects.toBeInstanceOf(
      DependencyUnavailableError,
    );
    expect(send.mock.calls).toEqual([[{ title: 'a' }], [{ title: 'b' }]]);
  });
});
