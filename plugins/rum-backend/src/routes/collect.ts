import { faroPayloadSchema } from '@vigil/backstage-plugin-rum-common';
import { COLLECT_PATH } from './collectorGuards';
import { parse, type RouteContext } from './util';

/**
 * The Faro collector: validated, processed, answered 202 like
 * faro.receiver. Refusals are counted by the router's error handling.
 */
export function registerCollectRoute(context: RouteContext): void {
  const { router, collector, telemetry } = context;
  router.post(COLLECT_PATH, async (req, res) => {
    const payload = parse(faroPayloadSchema, req.body, 'Faro payload');
    const accepted = await collector.collect(payload);
    telemetry.request('accepted');
    res.status(202).json({ accepted });
  });
}
