/**
 * The role × action matrix of the portal's permission policy: what
 * roleMatrix.test.ts asserts over HTTP against a real backend, and what the
 * README's roles table shows. `A`: allowed; `D`: denied (403, or nothing
 * listed); `U`: unauthenticated (401, the policy is never asked).
 */
export type Outcome = 'A' | 'D' | 'U';

/** The callers, one demo user per role (zoe is signed in but in no group and not read-only). */
export const ROLES = {
  nobody: undefined,
  guest: 'user:default/guest',
  user: 'user:default/zoe',
  owner: 'user:default/carol',
  sre: 'user:default/alice',
  productOwner: 'user:default/erin',
  admin: 'user:default/pat',
} as const;
export type Role = keyof typeof ROLES;
export const ROLE_ORDER = Object.keys(ROLES) as Role[];

/** Per action, the outcome of each role in ROLE_ORDER. */
export const MATRIX: Record<string, { label: string; outcomes: string }> = {
  entityDelete: { label: 'Delete a catalog entity', outcomes: 'UDDDDDA' },
  locationCreate: { label: 'Register a catalog location', outcomes: 'UDDDDDA' },
  locationDelete: { label: 'Delete a catalog location', outcomes: 'UDDDDDA' },
  scaffolderTask: { label: 'Run a software template', outcomes: 'UDAAAAA' },
  sloRefresh: { label: 'Refresh SLO specs', outcomes: 'UDDDADA' },
  declare: { label: 'Declare an incident', outcomes: 'UDAAAAA' },
  declareAsCommander: {
    label: "Declare an incident (payments') naming yourself commander",
    outcomes: 'UDDAADD',
  },
  updateOthersIncident: {
    label: "Update an incident of another group's entity (SRE's)",
    outcomes: 'UDDDADD',
  },
  editPostmortem: {
    label: 'Edit a draft postmortem you did not author (payments)',
    outcomes: 'UDDDADD',
  },
  readDraftActionItems: {
    label: "List a draft postmortem's action items (payments)",
    outcomes: 'UDDAADD',
  },
  scheduleEdit: {
    label: "Edit an on-call schedule (payments')",
    outcomes: 'UDDADDD',
  },
  page: { label: "Page an entity's on-call", outcomes: 'UDAAAAA' },
  signOff: {
    label: 'Sign off a launch (scoring API)',
    outcomes: 'UDDDDAD',
  },
  recordDeployment: {
    label: "Record a deployment of an entity (payments')",
    outcomes: 'UDDADDA',
  },
  fileTicket: { label: 'File a support ticket', outcomes: 'UDAAAAA' },
  listAllTickets: {
    label: "List every user's support tickets",
    outcomes: 'UDDDDDA',
  },
  readRumErrors: {
    label: "Read the portal's JavaScript errors (RUM)",
    outcomes: 'UDDDDDA',
  },
};

export function expected(action: string, role: Role): Outcome {
  return MATRIX[action].outcomes[ROLE_ORDER.indexOf(role)] as Outcome;
}
