export {
  addServiceInputSchema,
  PROMETHEUS_JOB_PATTERN,
  SERVICE_INPUT_BOUNDS,
  SERVICE_NAME_PATTERN,
} from './serviceInput';
export type { AddServiceInput, AddServiceValues } from './serviceInput';
export {
  renderCatalogInfo,
  SERVICE_ANNOTATIONS,
  SERVICE_FILES,
} from './catalogInfo';
export { renderSloSpec } from './sloSpec';
export type { RenderOptions } from './sloSpec';
export { renderMkdocs, renderRunbookIndex } from './runbook';
export {
  onCallStubSchema,
  parseOnCallStub,
  renderOnCallStub,
} from './onCallStub';
export type { OnCallStub, OnCallStubOptions } from './onCallStub';
export { renderServiceFiles } from './serviceFiles';
export type { ServiceFile } from './serviceFiles';
export { unsafePathReason, unsafeServiceFolderReason } from './pathSafety';
