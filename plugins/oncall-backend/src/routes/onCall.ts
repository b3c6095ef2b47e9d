import {
  atQuerySchema,
  idSchema,
  onCallQuerySchema,
  rangeOf,
  rangeQuerySchema,
} from './queries';
import { parse, rawQuery, userOf, type RouteContext } from './util';
import type { OnCallQuery } from '../service/OnCallService';
import { iso } from '../service/wire';

/** Reading who is on call: timelines, now and next, and one's own shifts. */
export function registerOnCallRoutes(context: RouteContext): void {
  const { router, services, credentialsOf, now } = context;
  const { onCall } = services;

  router.get('/schedules/:id/timeline', async (req, res) => {
    await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'schedule id');
    const query = parse(rangeQuerySchema, rawQuery(req), 'query');
    const { from, to } = rangeOf(query, now(), 14);
    const schedule = await onCall.getSchedule(id);
    res.json(await onCall.scheduleTimeline(schedule, from, to));
  });

  router.get('/schedules/:id/on-call', async (req, res) => {
    await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'schedule id');
    const query = parse(atQuerySchema, rawQuery(req), 'query');
    const at = query.at ? Date.parse(query.at) : now();
    const schedule = await onCall.getSchedule(id);
    const [answer] = await onCall.onCallNow([schedule], at);
    res.json(answer);
  });

  router.get('/on-call', async (req, res) => {
    await credentialsOf(req);
    const { at, ...target } = parse(onCallQuerySchema, rawQuery(req), 'query');
    const instant = at ? Date.parse(at) : now();
    let query: OnCallQuery = { scheduleId: target.scheduleId! };
    if (target.entityRef) query = { entityRef: target.entityRef };
    else if (target.groupRef) query = { groupRef: target.groupRef };
    res.json(await onCall.onCallFor(query, instant));
  });

  router.get('/my/shifts', async (req, res) => {
    const credentials = await credentialsOf(req);
    const userRef = userOf(credentials, 'read their shifts');
    const query = parse(rangeQuerySchema, rawQuery(req), 'query');
    const { from, to } = rangeOf(query, now(), 28);
    const shifts = await onCall.myShifts(userRef, from, to);
    res.json({
      items: shifts.map(s => ({ ...s, start: iso(s.start), end: iso(s.end) })),
    });
  });
}
