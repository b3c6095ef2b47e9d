import type { Config } from '@backstage/config';

export interface OnCallBackendConfig {
  /** A YAML file of schedules and policies created at startup when missing. */
  seedFile?: string;
}

/** Reads `vigil.oncall`. */
export function readOnCallConfig(config: Config): OnCallBackendConfig {
  const oncall = config.getOptionalConfig('vigil.oncall');
  return { seedFile: oncall?.getOptionalString('seedFile') };
}
