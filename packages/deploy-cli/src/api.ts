/**
 * The deploy CLI's modules, for drills, benchmarks and tests that drive
 * real HAProxy and real instances without the command line.
 */
export {
  COLORS,
  defaultDeployContext,
  deployPaths,
  instanceEnvOf,
  otherColor,
  readDataSecret,
} from './context';
export type { DeployContext, DeployPaths } from './context';
export { deploy } from './commands/deploy';
export type { DeployOptions, DeployResult } from './commands/deploy';
export { down } from './commands/down';
export { rollback } from './commands/rollback';
export { status } from './commands/status';
export type { ColorStatus, DeployStatus } from './commands/status';
export { switchTo } from './commands/switch';
export { up } from './commands/up';
export { LiveColorConflictError } from './state/reconcileLive';
export {
  HaproxyRuntimeApi,
  HaproxyRuntimeError,
  adminStateOf,
  isServerUp,
  parseServersState,
  parseStat,
} from './haproxy/RuntimeApi';
export type {
  ServerAdminState,
  ServerStat,
  ServerState,
} from './haproxy/RuntimeApi';
export { PRODUCTION_PORTS, renderHaproxyConfig } from './haproxy/renderConfig';
export type { HaproxyPorts } from './haproxy/renderConfig';
export { liveColors, switchTraffic } from './haproxy/switchTraffic';
export type { SwitchResult } from './haproxy/switchTraffic';
export {
  InstanceStartError,
  instanceEnvironment,
  launchInstance,
  processAlive,
  stopInstance,
} from './instances/InstanceLauncher';
export type { LaunchOptions } from './instances/InstanceLauncher';
export {
  instanceRunning,
  stopRecordedInstance,
} from './instances/ownedProcess';
export { DeploymentRecorder } from './records/DeploymentRecorder';
export type { RecorderOptions } from './records/DeploymentRecorder';
export {
  BuildError,
  SERVICE_DIR,
  buildRelease,
  releaseForRecord,
  releaseVersion,
} from './release/buildRelease';
export type { BuildOptions } from './release/buildRelease';
export {
  EXPECTED_SERIES,
  SMOKE_CUSTOMER_ID,
  describeSmokeFailure,
  runSmokeTests,
} from './smoke/smokeTests';
export type { SmokeOptions, SmokeTarget } from './smoke/smokeTests';
export { DeployLockedError, acquireDeployLock } from './state/deployLock';
export {
  DeployStateError,
  readDeployState,
  writeDeployState,
} from './state/deployState';
export type {
  BuiltRelease,
  DeployState,
  InstanceRecord,
} from './state/deployState';
export { scrapeTargetGroups, writeScrapeTargets } from './state/scrapeTargets';
export {
  FAST_BURN_FACTOR,
  errorRatioQuery,
  fastBurnThreshold,
  readAvailabilitySlo,
  readFastBurn,
} from './watch/fastBurn';
export type { AvailabilitySlo, FastBurnReading } from './watch/fastBurn';
export { watchRelease } from './watch/watchRelease';
export type { WatchOptions, WatchResult } from './watch/watchRelease';
