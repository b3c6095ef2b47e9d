import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  EscalationPolicy,
  escalationPolicyRequestSchema,
  updateEscalationPolicyRequestSchema,
} from '@vigil/backstage-plugin-oncall-common';
import type { z } from 'zod';
import type { OnCallStore } from '../database/OnCallStore';

type PolicyRequest = z.output<typeof escalationPolicyRequestSchema>;

/** Escalation policies: their steps may only target schedules that exist. */
export class PolicyService {
  constructor(
    private readonly options: { store: OnCallStore; now?: () => number },
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  async get(id: string): Promise<EscalationPolicy> {
    const policy = await this.options.store.getPolicy(id);
    if (!policy) throw new NotFoundError(`No escalation policy with id ${id}`);
    return policy;
  }

  list(query: { ownerRefs?: string[]; limit: number; offset: number }) {
    return this.options.store.listPolicies(query);
  }

  /** A 400 naming each step target whose schedule does not exist. */
  private async checkTargets(request: PolicyRequest): Promise<void> {
    const wanted = request.steps.flatMap((step, i) =>
      step.targets.flatMap((target, j) =>
        target.kind === 'schedule'
          ? [{ path: `steps[${i}].targets[${j}].ref`, id: target.ref }]
          : [],
      ),
    );
    if (wanted.length === 0) return;
    const found = new Set(
      (
        await this.options.store.getSchedules([
          ...new Set(wanted.map(w => w.id)),
        ])
      ).map(s => s.id),
    );
    const missing = wanted.filter(w => !found.has(w.id));
    if (missing.length > 0) {
      throw new InputError(
        `Invalid escalation policy: ${missing
          .map(m => `${m.path}: no schedule with id ${m.id}`)
          .join('; ')}`,
      );
    }
  }

  async create(request: PolicyRequest, by: string): Promise<EscalationPolicy> {
    await this.checkTargets(request);
    return this.options.store.createPolicy({
      ...request,
      createdBy: by,
      now: this.now(),
    });
  }

  async update(
    id: string,
    request: z.output<typeof updateEscalationPolicyRequestSchema>,
    by: string,
  ): Promise<EscalationPolicy> {
    await this.checkTargets(request);
    const result = await this.options.store.updatePolicy({
      ...request,
      id,
      createdBy: by,
      now: this.now(),
    });
    if (result === 'conflict') {
      throw new ConflictError(
        `Escalation policy ${id} changed since version ${request.version}; reload it and retry`,
      );
    }
    if (!result) throw new NotFoundError(`No escalation policy with id ${id}`);
    return result;
  }

  async delete(id: string, version: number): Promise<void> {
    const result = await this.options.store.deletePolicy(id, version);
    if (result === 'conflict') {
      throw new ConflictError(
        `Escalation policy ${id} changed since version ${version}; reload it and retry`,
      );
    }
    if (!result) throw new NotFoundError(`No escalation policy with id ${id}`);
  }
}
