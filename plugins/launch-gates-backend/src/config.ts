import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds, type HumanDuration } from '@backstage/types';

/** `launchGates.*`, with defaults applied. */
export interface LaunchGatesConfig {
  /** Template directories as configured (relative to the working directory); undefined: none. */
  templateDirectories?: string[];
  evidenceDirectory?: string;
  linkBase?: string;
  frequency: HumanDuration;
  timeoutMs: number;
  concurrency: number;
  /** `vigil.permission.sreGroups` (who answers `sre` checks), lower case. */
  sreGroups: string[];
  prometheusUrl?: string;
  appBaseUrl: string;
  /** `launchGates.portalAliases`: other base URLs of the portal's pages. */
  portalAliases: string[];
}

export function readLaunchGatesConfig(config: Config): LaunchGatesConfig {
  const gates = config.getOptionalConfig('launchGates');
  const duration = (key: string, fallback: HumanDuration) =>
    gates?.has(key) ? readDurationFromConfig(gates, { key }) : fallback;
  const concurrency = gates?.getOptionalNumber('evaluation.concurrency') ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new Error(
      `launchGates.evaluation.concurrency must be an integer from 1 to 64, not ${concurrency}`,
    );
  }
  return {
    templateDirectories: gates?.getOptionalStringArray('templates.directories'),
    evidenceDirectory: gates?.getOptionalString('evidence.directory'),
    linkBase: gates?.getOptionalString('evidence.linkBase'),
    frequency: duration('schedule.frequency', { minutes: 15 }),
    timeoutMs: durationToMilliseconds(
      duration('evaluation.timeout', { seconds: 20 }),
    ),
    concurrency,
    sreGroups: (
      config.getOptionalStringArray('vigil.permission.sreGroups') ?? [
        'group:default/sre',
      ]
    ).map(ref => ref.toLocaleLowerCase('en-US')),
    prometheusUrl: config.getOptionalString('vigil.prometheus.url'),
    appBaseUrl:
      config.getOptionalString('app.baseUrl') ?? 'http://localhost:3000',
    portalAliases: gates?.getOptionalStringArray('portalAliases') ?? [],
  };
}
