import type { Config } from '@backstage/config';

/** The support backend's settings (`vigil.support`). */
export interface SupportBackendConfig {
  /** Entity refs notified of new tickets (and feedback). */
  notify: string[];
  notifyOnFeedback: boolean;
}

export const DEFAULT_NOTIFY = ['group:default/portal-admins'];

/** Reads `vigil.support.*` with defaults (see config.d.ts). */
export function readSupportConfig(config: Config): SupportBackendConfig {
  const raw = config.getOptional('vigil.support.notify');
  let notify = DEFAULT_NOTIFY;
  if (typeof raw === 'string') notify = [raw];
  else if (raw !== undefined) {
    notify = config.getStringArray('vigil.support.notify');
  }
  return {
    notify: notify.map(ref => ref.trim()).filter(Boolean),
    notifyOnFeedback:
      config.getOptionalBoolean('vigil.support.notifyOnFeedback') ?? true,
  };
}
