import {
  createOverrideRequestSchema,
  createScheduleRequestSchema,
  createTemporaryScheduleRequestSchema,
  takeShiftRequestSchema,
  updateScheduleRequestSchema,
} from '@vigil/backstage-plugin-oncall-common';
import { overrideJson, temporaryScheduleJson } from '../service/wire';
import {
  idSchema,
  listSchedulesQuerySchema,
  versionQuerySchema,
} from './queries';
import { actorOf, parse, rawQuery, userOf, type RouteContext } from './util';

/** Schedules, their overrides and temporary schedules, and taking shifts. */
export function registerScheduleRoutes(context: RouteContext): void {
  const { router, services, authorizer, credentialsOf, audited } = context;
  const { schedules } = services;

  /** The schedule of the path, when the caller may change it. */
  const manageable = async (
    req: Parameters<RouteContext['credentialsOf']>[0],
  ) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'schedule id');
    const schedule = await schedules.get(id);
    await authorizer.requireScheduleManage(schedule, credentials);
    return { credentials, schedule, by: actorOf(credentials) };
  };

  router.get('/schedules', async (req, res) => {
    await credentialsOf(req);
    const query = parse(listSchedulesQuerySchema, rawQuery(req), 'query');
    res.json(
      await schedules.list({
        ownerRefs: query.ownerRef,
        participantRef: query.participantRef,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  });

  router.post('/schedules', async (req, res) => {
    const credentials = await credentialsOf(req);
    const request = parse(createScheduleRequestSchema, req.body, 'schedule');
    await authorizer.requireScheduleManage(request, credentials);
    const schedule = await audited(
      req,
      'schedule-create',
      { ownerRef: request.ownerRef, name: request.name },
      () => schedules.create(request, actorOf(credentials)),
      s => ({ scheduleId: s.id, version: s.version }),
    );
    res.status(201).json(schedule);
  });

  router.get('/schedules/:id', async (req, res) => {
    await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'schedule id');
    res.json(await schedules.get(id));
  });

  router.put('/schedules/:id', async (req, res) => {
    const { schedule, by } = await manageable(req);
    const request = parse(updateScheduleRequestSchema, req.body, 'schedule');
    const updated = await audited(
      req,
      'schedule-update',
      { scheduleId: schedule.id, version: request.version },
      () => schedules.update(schedule.id, request, by),
      s => ({ version: s.version }),
    );
    res.json(updated);
  });

  router.delete('/schedules/:id', async (req, res) => {
    const { schedule, by } = await manageable(req);
    const { version } = parse(versionQuerySchema, rawQuery(req), 'query');
    await audited(
      req,
      'schedule-delete',
      { scheduleId: schedule.id, version },
      () => schedules.delete(schedule, version, by),
    );
    res.status(204).end();
  });

  router.post('/schedules/:id/overrides', async (req, res) => {
    const { schedule, by } = await manageable(req);
    const request = parse(createOverrideRequestSchema, req.body, 'override');
    const override = await audited(
      req,
      'schedule-override-create',
      {
        scheduleId: schedule.id,
        action: request.action,
        userRef: request.userRef,
        start: request.start,
        end: request.end,
      },
      () => schedules.addOverride(schedule, request, by),
      o => ({ overrideId: o.id }),
    );
    res.status(201).json(overrideJson(override));
  });

  router.delete('/schedules/:id/overrides/:overrideId', async (req, res) => {
    const { schedule, by } = await manageable(req);
    const overrideId = parse(idSchema, req.params.overrideId, 'override id');
    await audited(
      req,
      'schedule-override-delete',
      { scheduleId: schedule.id, overrideId },
      () => schedules.removeOverride(schedule, overrideId, by),
    );
    res.status(204).end();
  });

  router.post('/schedules/:id/temporary-schedules', async (req, res) => {
    const { schedule, by } = await manageable(req);
    const request = parse(
      createTemporaryScheduleRequestSchema,
      req.body,
      'temporary schedule',
    );
    const temporary = await audited(
      req,
      'schedule-temporary-create',
      { scheduleId: schedule.id, start: request.start, end: request.end },
      () => schedules.addTemporarySchedule(schedule, request, by),
      t => ({ temporaryScheduleId: t.id }),
    );
    res.status(201).json(temporaryScheduleJson(temporary));
  });

  router.delete(
    '/schedules/:id/temporary-schedules/:temporaryId',
    async (req, res) => {
      const { schedule, by } = await manageable(req);
      const temporaryId = parse(
        idSchema,
        req.params.temporaryId,
        'temporary schedule id',
      );
      await audited(
        req,
        'schedule-temporary-delete',
        { scheduleId: schedule.id, temporaryScheduleId: temporaryId },
        () => schedules.removeTemporarySchedule(schedule, temporaryId, by),
      );
      res.status(204).end();
    },
  );

  // Participants swap shifts among themselves: no manage permission needed.
  router.post('/schedules/:id/take-shift', async (req, res) => {
    const credentials = await credentialsOf(req);
    const by = userOf(credentials, 'take a shift');
    const id = parse(idSchema, req.params.id, 'schedule id');
    const request = parse(
      takeShiftRequestSchema,
      req.body,
      'take-shift request',
    );
    const schedule = await schedules.get(id);
    const override = await audited(
      req,
      'schedule-take-shift',
      {
        scheduleId: id,
        replacesRef: request.replacesRef,
        start: request.start,
        end: request.end,
      },
      () => schedules.takeShift(schedule, request, by),
      o => ({ overrideId: o.id }),
    );
    res.status(201).json(overrideJson(override));
  });
}
