import { mockServices } from '@backstage/backend-test-utils';
import { createErrorResponder } from '../errorResponses';
import { DependencyUnavailableError } from './errors';

describe('createErrorResponder and DependencyUnavailableError', () => {
  it('answers 503 with the outage message and logs nothing per request', () => {
    const logger = mockServices.logger.mock();
    const responder = createErrorResponder({
      serviceName: 'SLO service',
      logger,
      spec: {},
    });
    const json = jest.fn();
    const status = jest.fn(() => ({ json }));
    responder.send(
      new DependencyUnavailableError(
        'Prometheus is unreachable since 2025-01-01T10:42:00.000Z (circuit open)',
        'prometheus',
        'circuit-open',
      ),
      { method: 'GET', originalUrl: '/api/slo/slos' },
      { headersSent: false, status },
    );
    expect(status).toHaveBeenCalledWith(503);
    expect(json).toHaveBeenCalledWith(
      expect.objectContaining({
        error: {
          name: 'ServiceUnavailableError',
          message:
            'Prometheus is unreachable since 2025-01-01T10:42:00.000Z (circuit open)',
        },
      }),
    );
    expect(logger.error).not.toHaveBeenCalled();
  });
});
