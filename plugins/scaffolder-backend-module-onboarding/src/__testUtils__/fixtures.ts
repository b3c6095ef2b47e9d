// Files live in fresh temporary folders the test creates.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogLookup } from '../CatalogLookup';

/** A real temporary folder, removed by the returned cleanup. */
export function temporaryFolder(prefix = 'vigil-onboarding-') {
  const folder = fs.realpathSync(
    fs.mkdtempSync(path.join(os.tmpdir(), prefix)),
  );
  return {
    folder,
    cleanup: () => fs.rmSync(folder, { recursive: true, force: true }),
  };
}

/** The catalog as these actions see it: components by name. */
export class MemoryCatalog implements CatalogLookup {
  readonly components = new Map<string, Entity>();

  async getComponent(name: string) {
    return this.components.get(name);
  }

  /** The Component as the catalog would hold it once read from `file`. */
  add(name: string, file: string) {
    this.components.set(name, {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: { 'backstage.io/managed-by-location': `file:${file}` },
      },
      spec: { type: 'service', owner: 'group:default/payments' },
    });
  }
}

export const SERVICE_INPUT = {
  name: 'checkout-api',
  title: 'Checkout API',
  description: 'Takes the payment',
  owner: 'group:default/payments',
  system: 'system:default/risk-scoring',
  prometheusJob: 'checkout',
  availabilityObjective: 99.5,
  latencyObjective: 95,
  latencyThresholdMs: 800,
};
