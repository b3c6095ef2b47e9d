import type { LaunchGatesCheckProvider } from '@vigil/backstage-plugin-launch-gates-node';
import type { ReportSource } from '../evaluation/reportSource';
import { incidentsProvider } from './incidents';
import { createLoadTestProvider } from './load-test';
import { oncallCoverageProvider } from './oncall-coverage';
import { rollbackDrillProvider } from './rollback-drill';
import { runbooksProvider } from './runbooks';
import { createSecurityScanProvider } from './security-scan';
import { sloHistoryProvider } from './slo-history';

export {
  incidentsProvider,
  createLoadTestProvider,
  oncallCoverageProvider,
  rollbackDrillProvider,
  runbooksProvider,
  createSecurityScanProvider,
  sloHistoryProvider,
};

/** The check providers the launch gates ship with. */
export function builtInCheckProviders(options: {
  reportSource: ReportSource;
}): Array<LaunchGatesCheckProvider<any>> {
  return [
    sloHistoryProvider,
    incidentsProvider,
    oncallCoverageProvider,
    runbooksProvider,
    createLoadTestProvider(options),
    rollbackDrillProvider,
    createSecurityScanProvider(options),
  ];
}
