import type {
  EscalationPolicy,
  EscalationPolicyRequest,
  EscalationTarget,
} from '../api';

/** A step as the editor holds it: targets as `kind|ref` keys of a select. */
export interface StepDraft {
  delayMinutes: number;
  targets: string[];
}

export interface PolicyDraft {
  name: string;
  repeat: number;
  steps: StepDraft[];
}

export const targetKey = (target: EscalationTarget) =>
  `${target.kind}|${target.ref}`;

export function targetOf(key: string): EscalationTarget {
  const [kind, ...rest] = key.split('|');
  return { kind, ref: rest.join('|') } as EscalationTarget;
}

export function policyDraftOf(policy?: EscalationPolicy): PolicyDraft {
  if (!policy) {
    return { name: '', repeat: 1, steps: [{ delayMinutes: 0, targets: [] }] };
  }
  return {
    name: policy.name,
    repeat: policy.repeat,
    steps: policy.steps.map(step => ({
      delayMinutes: step.delayMinutes,
      targets: step.targets.map(targetKey),
    })),
  };
}

/** The request body; undefined while a field is invalid. */
export function policyRequestOf(
  draft: PolicyDraft,
  ownerRef: string,
  description?: string,
): EscalationPolicyRequest | undefined {
  const stepsValid = draft.steps.every(
    s =>
      s.targets.length > 0 &&
      Number.isInteger(s.delayMinutes) &&
      s.delayMinutes >= 0 &&
      s.delayMinutes <= 1440,
  );
  if (
    !draft.name.trim() ||
    draft.steps.length === 0 ||
    !stepsValid ||
    !Number.isInteger(draft.repeat) ||
    draft.repeat < 1 ||
    draft.repeat > 10
  ) {
    return undefined;
  }
  return {
    ownerRef,
    name: draft.name.trim(),
    ...(description ? { description } : {}),
    repeat: draft.repeat,
    steps: draft.steps.map(step => ({
      delayMinutes: step.delayMinutes,
      targets: step.targets.map(targetOf),
    })),
  };
}
