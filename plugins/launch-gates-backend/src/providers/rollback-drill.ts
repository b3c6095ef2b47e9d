import { z } from 'zod';
import {
  drillFileSchema,
  drillResultSchema,
  type DrillResult,
} from '@vigil/backstage-plugin-deployments-common';
import type { EvidenceLink } from '@vigil/backstage-plugin-launch-gates-common';
import type { LaunchGatesCheckProvider } from '@vigil/backstage-plugin-launch-gates-node';
import { daysSince, entityPageUrl, listInWords, messageOf } from './util';

/** The parts of `GET /api/deployments/deployments` this check reads (deployments-common records.ts). */
interface DeploymentList {
  items: Array<{
    id: string;
    entityRef: string;
    kind: string;
    outcome: string;
    startedAt: string;
    drill?: unknown;
  }>;
  totalCount: number;
}

const paramsSchema = z
  .object({
    /** How old the newest drill may be. */
    maxAgeDays: z.number().int().min(1).max(365).default(30),
  })
  .strict();
type Params = z.infer<typeof paramsSchema>;

interface FoundDrill {
  startedAt: string;
  drill: DrillResult;
  origin:
    | { source: 'deployments'; deploymentId: string }
    | { source: 'file'; file: string; deploymentId?: string };
  link?: EvidenceLink;
}

/** Drills recorded in the deployments API, newest first. */
async function drillsFromApi(
  readPluginApi: Parameters<
    LaunchGatesCheckProvider<Params>['evaluate']
  >[0]['readPluginApi'],
  entityRef: string,
): Promise<FoundDrill[]> {
  const list = await readPluginApi<DeploymentList>(
    'deployments',
    `/deployments?entityRef=${encodeURIComponent(
      entityRef,
    )}&kind=drill&limit=20`,
  );
  const found: FoundDrill[] = [];
  for (const record of list.items) {
    const drill = drillResultSchema.safeParse(record.drill);
    // A drill still running, or one that could not be measured, has no result.
    if (record.kind !== 'drill' || !drill.success) continue;
    found.push({
      startedAt: record.startedAt,
      drill: drill.data,
      origin: { source: 'deployments', deploymentId: record.id },
    });
  }
  return found;
}

/**
 * The newest rollback drill of the entity, from the deployments API and the
 * drill evidence files under `validation/drills/`: recent, and back on the
 * good release within the RTO and RPO targets without losing writes.
 */
export const rollbackDrillProvider: LaunchGatesCheckProvider<Params> = {
  id: 'rollback-drill',
  title: 'Rollback drill',
  description:
    'The newest rollback drill (deployments API, else validation/drills/*.json) is at most `maxAgeDays` old, noticed the bad release, and restored traffic within the RTO and RPO targets without losing writes.',
  paramsSchema,
  measures: [
    { name: 'ageDays', description: 'Days since the drill started' },
    {
      name: 'rtoSeconds',
      description: 'Bad release taking traffic to healthy traffic again, s',
    },
    {
      name: 'rpoWindowSeconds',
      description: 'Window of failed or lost requests, s',
    },
    {
      name: 'lostWrites',
      description: 'Acknowledged writes missing after the drill',
    },
    {
      name: 'detected',
      description: 'Smoke checks or the fast-burn condition noticed the fault',
    },
    {
      name: 'drillPassed',
      description: "The drill's own verdict against the targets it ran with",
    },
  ],
  defaultPassRule: params => [
    { measure: 'ageDays', op: '<=', target: params.maxAgeDays },
    { measure: 'rtoSeconds', op: '<=', target: 60 },
    { measure: 'rpoWindowSeconds', op: '<=', target: 60 },
    { measure: 'lostWrites', op: '==', target: 0 },
    { measure: 'detected', op: '==', target: true },
  ],
  async evaluate({
    entity,
    entityRef,
    now,
    readPluginApi,
    evidenceFiles,
    appBaseUrl,
  }) {
    const candidates: FoundDrill[] = [];
    const sourceErrors: string[] = [];
    const invalidFiles: string[] = [];
    try {
      candidates.push(...(await drillsFromApi(readPluginApi, entityRef)));
    } catch (error) {
      sourceErrors.push(messageOf(error));
    }
    try {
      const suffix = `-${entity.metadata.name.toLocaleLowerCase('en-US')}.json`;
      const names = (await evidenceFiles.list('drills')).filter(n =>
        n.toLocaleLowerCase('en-US').endsWith(suffix),
      );
      for (const name of names) {
        const file = `drills/${name}`;
        let parsed;
        try {
          parsed = drillFileSchema.safeParse(
            await evidenceFiles.readJson('drills', name),
          );
        } catch (error) {
          invalidFiles.push(`${file}: ${messageOf(error)}`);
          continue;
        }
        if (!parsed.success) {
          invalidFiles.push(`${file}: ${parsed.error.issues[0]?.message}`);
          continue;
        }
        const drill = parsed.data;
        if (drill.entityRef.toLowerCase() !== entityRef.toLowerCase()) continue;
        // The same drill posted to the API too: the API's record stands.
        if (
          drill.deploymentId &&
          candidates.some(
            c =>
              c.origin.source === 'deployments' &&
              c.origin.deploymentId === drill.deploymentId,
          )
        ) {
          continue;
        }
        const link = evidenceFiles.linkTo('drills', name);
        candidates.push({
          startedAt: drill.startedAt,
          drill,
          origin: {
            source: 'file',
            file: `validation/${file}`,
            ...(drill.deploymentId ? { deploymentId: drill.deploymentId } : {}),
          },
          ...(link ? { link: { title: `Drill ${drill.id}`, url: link } } : {}),
        });
      }
    } catch (error) {
      sourceErrors.push(`validation/drills/: ${messageOf(error)}`);
    }

    candidates.sort(
      (a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt),
    );
    const newest = candidates[0];
    if (!newest) {
      return {
        kind: 'unknown',
        reason:
          sourceErrors.length > 0
            ? `no drill found, and ${listInWords(sourceErrors)}`
            : `no rollback drill of ${entityRef} in the deployments API or validation/drills/`,
        ...(invalidFiles.length > 0 ? { details: { invalidFiles } } : {}),
      };
    }
    const { drill } = newest;
    const ageDays = daysSince(newest.startedAt, now);
    const rtoSeconds = drill.rto.rtoMs / 1000;
    const rpoWindowSeconds = drill.rpo.windowMs / 1000;
    const detected = drill.detection.signal !== 'none';
    return {
      kind: 'measured',
      measurements: {
        ageDays,
        rtoSeconds,
        rpoWindowSeconds,
        lostWrites: drill.rpo.featureWrites.lost,
        detected,
        drillPassed: drill.passed,
      },
      summary: `Drill ${ageDays} days ago: RTO ${rtoSeconds} s, RPO window ${rpoWindowSeconds} s, ${
        drill.rpo.featureWrites.lost
      } lost writes, ${
        detected ? `noticed by ${drill.detection.signal}` : 'not noticed'
      } (${
        newest.origin.source === 'file' ? newest.origin.file : 'deployments API'
      })`,
      links: [
        ...(newest.link ? [newest.link] : []),
        {
          title: 'Deployments of the entity',
          url: entityPageUrl(appBaseUrl, entity, 'deployments'),
        },
      ],
      observedAt: newest.startedAt,
      details: {
        origin: newest.origin,
        badRelease: drill.badRelease.version,
        goodRelease: drill.goodRelease.version,
        detection: {
          signal: drill.detection.signal,
          detectionMs: drill.detection.detectionMs,
        },
        rto: drill.rto,
        rpo: drill.rpo,
        passed: drill.passed,
        ...(sourceErrors.length > 0 ? { sourceErrors } : {}),
        ...(invalidFiles.length > 0 ? { invalidFiles } : {}),
      },
    };
  },
};
