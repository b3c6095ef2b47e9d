import fs from 'node:fs/promises';
import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  parseOnCallStub,
  SERVICE_FILES,
} from '@vigil/backstage-plugin-onboarding-common';
import { ServiceFolder } from './ServiceFolder';

/** The id of the action that creates the starter on-call schedule. @public */
export const CREATE_STARTER_SCHEDULE_ACTION_ID =
  'vigil:oncall:create-starter-schedule';

export interface CreateStarterScheduleActionOptions {
  catalogFolder: string;
  discovery: DiscoveryService;
  auth: AuthService;
}

/**
 * `vigil:oncall:create-starter-schedule`: creates the schedule recorded in
 * the service's oncall.yaml through the on-call API, on behalf of the user
 * running the template (so the on-call plugin's permissions apply: members
 * of the owning group create schedules), and only when the owning group has
 * no schedule yet: a team that is already on call keeps its rotations. It
 * never fails the template: what it did not do, it says (the stub stays
 * the record).
 */
export function createStarterScheduleAction(
  options: CreateStarterScheduleActionOptions,
) {
  return createTemplateAction({
    id: CREATE_STARTER_SCHEDULE_ACTION_ID,
    description:
      "Creates the service's starter on-call schedule (oncall.yaml) when its owning group has none",
    schema: {
      input: {
        name: z => z.string().describe('The service (entity and folder) name'),
      },
      output: {
        created: z => z.boolean(),
        scheduleId: z => z.string().optional(),
        message: z => z.string(),
      },
    },
    async handler(ctx) {
      const folder = new ServiceFolder(options.catalogFolder, ctx.input.name);
      const stub = parseOnCallStub(
        // eslint-disable-next-line security/detect-non-literal-fs-filename
        await fs.readFile(`${folder.path}/${SERVICE_FILES.onCall}`, 'utf8'),
      );
      const { schedule } = stub;
      const done = (created: boolean, message: string, scheduleId?: string) => {
        ctx.logger.info(message);
        ctx.output('created', created);
        ctx.output('message', message);
        if (scheduleId) ctx.output('scheduleId', scheduleId);
      };
      if (schedule.layers.length === 0) {
        done(false, 'oncall.yaml names nobody yet: no schedule created');
        return;
      }
      const base = await options.discovery.getBaseUrl('oncall');
      const { token } = await options.auth.getPluginRequestToken({
        onBehalfOf: await ctx.getInitiatorCredentials(),
        targetPluginId: 'oncall',
      });
      const headers = {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      };
      const existing = await fetch(
        `${base}/schedules?ownerRef=${encodeURIComponent(
          schedule.ownerRef,
        )}&limit=1`,
        { headers },
      );
      if (!existing.ok) {
        done(
          false,
          `The on-call API answered ${existing.status}: no schedule created; oncall.yaml is the record`,
        );
        return;
      }
      const { total } = (await existing.json()) as { total: number };
      if (total > 0) {
        done(
          false,
          `${schedule.ownerRef} already has ${
            total === 1 ? 'a schedule' : `${total} schedules`
          }: it is on call for the new service through them`,
        );
        return;
      }
      const response = await fetch(`${base}/schedules`, {
        method: 'POST',
        headers,
        body: JSON.stringify(schedule),
      });
      if (response.status === 403) {
        done(
          false,
          `Only members of ${schedule.ownerRef} may create its schedules: ask one to create it from oncall.yaml`,
        );
        return;
      }
      if (!response.ok) {
        const body = await response.text();
        done(
          false,
          `The on-call API refused the starter schedule (${
            response.status
          }): ${body.slice(0, 300)}`,
        );
        return;
      }
      const created = (await response.json()) as { id: string };
      done(
        true,
        `Created the on-call schedule "${schedule.name}" for ${schedule.ownerRef}`,
        created.id,
      );
    },
  });
}
