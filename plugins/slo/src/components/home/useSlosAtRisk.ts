import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../../api/SloApi';
import type { Slo } from '../../api/types';
import { useSloReload } from '../../lib/useSloReload';

const ANY_EVALUATION = () => true;

/** Most SLOs the home page widget lists; the rest are counted. */
export const SLOS_AT_RISK_LIMIT = 8;

export interface SlosAtRisk {
  /** Breaching SLOs, then warning ones, each least budget first. */
  items: Slo[];
  breachingCount: number;
  warningCount: number;
}

/**
 * SLOs that are breaching (budget spent or the page alert firing) or burning
 * their budget (the ticket alert firing or little budget left: the backend's
 * "warning"), asked of the server with its status filter, least budget
 * remaining first. Fetched again after every SLO evaluation the backend
 * signals (any SLO may enter or leave the list) and on a slow poll; while
 * that runs, `value` keeps the previous answer.
 */
const REAL_SERVICES = { sandbox: 'exclude', order: 'asc' } as const;

export function useSlosAtRisk(limit: number = SLOS_AT_RISK_LIMIT) {
  const sloApi = useApi(sloApiRef);
  const reloadKey = useSloReload(ANY_EVALUATION);
  return useAsyncRetry(async (): Promise<SlosAtRisk> => {
    const [breaching, warning] = await Promise.all([
      // The sandbox's practice SLOs burn on purpose: not a risk to anyone.
      sloApi.listSlos({ ...REAL_SERVICES, status: 'breaching', limit }),
      sloApi.listSlos({ ...REAL_SERVICES, status: 'warning', limit }),
    ]);
    return {
      items: [...breaching.items, ...warning.items].slice(0, limit),
      breachingCount: breaching.totalCount,
      warningCount: warning.totalCount,
    };
  }, [sloApi, limit, reloadKey]);
}
