import type { StoredReport } from '@vigil/backstage-plugin-launch-gates-common';

/**
 * The reports CI posted to the launch-gates API (`POST /reports`), as the
 * load-test and security-scan providers read them. The backend's store
 * implements it.
 */
export interface ReportSource {
  /**
   * The newest report (by `ranAt`) of `kind` for `entityRef`, or undefined
   * when none was posted.
   */
  latest(
    entityRef: string,
    kind: StoredReport['kind'],
  ): Promise<StoredReport | undefined>;
}
