import { renderCatalogInfo, SERVICE_FILES } from './catalogInfo';
import { renderOnCallStub, OnCallStubOptions } from './onCallStub';
import { renderMkdocs, renderRunbookIndex } from './runbook';
import { renderSloSpec, RenderOptions } from './sloSpec';
import type { AddServiceValues } from './serviceInput';

/** One file of a service folder. @public */
export interface ServiceFile {
  /** Relative to the service folder, `/`-separated. */
  path: string;
  content: string;
}

/**
 * Every file "Add your service" writes into `<catalogFolder>/<name>/`, in
 * the order they are written (catalog-info.yaml last, so the catalog never
 * reads an entity whose spec or docs are not there yet).
 *
 * @public
 */
export function renderServiceFiles(
  values: AddServiceValues,
  options: RenderOptions & OnCallStubOptions,
): ServiceFile[] {
  return [
    { path: SERVICE_FILES.sloSpec, content: renderSloSpec(values, options) },
    { path: SERVICE_FILES.mkdocs, content: renderMkdocs(values) },
    { path: SERVICE_FILES.docsIndex, content: renderRunbookIndex(values) },
    { path: SERVICE_FILES.onCall, content: renderOnCallStub(values, options) },
    { path: SERVICE_FILES.catalogInfo, content: renderCatalogInfo(values) },
  ];
}
