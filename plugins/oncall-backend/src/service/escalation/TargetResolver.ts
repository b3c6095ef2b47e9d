import type {
  EscalationPolicy,
  EscalationStep,
} from '@vigil/backstage-plugin-oncall-common';

/** Who is on call on schedules at an instant (the schedule engine). */
export interface OnCallLookup {
  /** Schedule id → the users on call at `at` (empty during a gap; absent if unknown). */
  usersOnCall(
    scheduleIds: string[],
    at: number,
  ): Promise<Map<string, string[]>>;
}

/** What paging needs of the catalog and of the stored policies. */
export interface PagingDirectory {
  /** The group that owns an entity (a group owns itself). */
  ownerOf(entityRef: string): Promise<string | undefined>;
  /** The users who are members of a group. */
  membersOf(groupRef: string): Promise<string[]>;
  /** The escalation policy that pages for an entity, if any. */
  policyFor(entityRef: string): Promise<EscalationPolicy | undefined>;
}

/** A user a step reaches, and the first target of the step that named them. */
export interface ReachedUser {
  userRef: string;
  /** `schedule:<id>`, a group ref or the user's own ref. */
  via: string;
}

/**
 * Resolves escalation steps to users at one instant. One resolver serves
 * one pass (a page being opened, or one run of the escalation job): schedule
 * lookups are batched into one call and group memberships asked once.
 */
export class TargetResolver {
  private readonly onCallBySchedule = new Map<string, string[]>();
  private readonly membersByGroup = new Map<string, Promise<string[]>>();

  constructor(
    private readonly onCall: OnCallLookup,
    private readonly directory: Pick<PagingDirectory, 'membersOf'>,
    readonly at: number,
  ) {}

  /** Looks up, in one call, who is on call on every schedule these steps name. */
  async prefetch(steps: EscalationStep[]): Promise<void> {
    const scheduleIds = [
      ...new Set(
        steps.flatMap(step =>
          step.targets
            .filter(target => target.kind === 'schedule')
            .map(target => target.ref),
        ),
      ),
    ].filter(id => !this.onCallBySchedule.has(id));
    if (scheduleIds.length === 0) return;
    const found = await this.onCall.usersOnCall(scheduleIds, this.at);
    for (const id of scheduleIds) {
      // A schedule the engine does not know (deleted since) has nobody.
      this.onCallBySchedule.set(id, found.get(id) ?? []);
    }
  }

  /** The distinct users a step reaches now, in the order its targets name them. */
  async resolve(step: EscalationStep): Promise<ReachedUser[]> {
    await this.prefetch([step]);
    const named = await Promise.all(
      step.targets.map(async target => {
        switch (target.kind) {
          case 'user':
            return { via: target.ref, userRefs: [target.ref] };
          case 'schedule':
            return {
              via: `schedule:${target.ref}`,
              userRefs: this.onCallBySchedule.get(target.ref) ?? [],
            };
          case 'group':
            return {
              via: target.ref,
              userRefs: await this.members(target.ref),
            };
          default:
            return { via: '', userRefs: [] };
        }
      }),
    );
    const reached = new Map<string, ReachedUser>();
    for (const { via, userRefs } of named) {
      for (const userRef of userRefs) {
        if (!reached.has(userRef)) reached.set(userRef, { userRef, via });
      }
    }
    return [...reached.values()];
  }

  private members(groupRef: string): Promise<string[]> {
    let members = this.membersByGroup.get(groupRef);
    if (!members) {
      members = this.directory.membersOf(groupRef);
      this.membersByGroup.set(groupRef, members);
    }
    return members;
  }
}
