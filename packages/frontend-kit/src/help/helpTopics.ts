/**
 * What each help icon explains: a title, one short paragraph and the page
 * (and heading) of Vigil's own TechDocs that tells the rest. The pages live
 * in techdocs/docs/help/; helpTopics.docs.test.ts builds that site with
 * mkdocs and fails when a page or heading named here is missing.
 */

/**
 * One entry of the help-topic registry.
 * @public
 */
export interface HelpTopic {
  /** Shown as the popover's heading. */
  title: string;
  /** One short paragraph: what it is and why it matters. */
  summary: string;
  /** The help page, relative to Vigil's docs `help/` folder, e.g. `slos`. */
  page: string;
  /** A heading's id on that page (mkdocs' slug of the heading text). */
  anchor?: string;
}

/**
 * Where the Vigil component's TechDocs are served in the portal.
 * @public
 */
export const VIGIL_DOCS_PATH = '/docs/default/component/vigil';

const topics: Record<HelpTopicId, HelpTopic> = {
  slo: {
    title: 'SLOs and SLIs',
    summary:
      'A service level indicator (SLI) is the share of good events, e.g. requests answered without a 5xx. A service level objective (SLO) is the target for it over a period: 99.9% of requests good over 30 days. Vigil reads them as code from the entity and evaluates them from Prometheus every 15 seconds.',
    page: 'slos',
    anchor: 'slos-and-slis',
  },
  'slo-status': {
    title: 'SLO status',
    summary:
      'ok: within budget. warning: under 25% of the error budget left, or the ticket alert would fire. breaching: the budget is spent, or the page alert would fire. no data: Prometheus has no traffic or series for the SLO.',
    page: 'slos',
    anchor: 'slo-statuses',
  },
  'error-budget': {
    title: 'Error budget',
    summary:
      'The errors an SLO allows: 100% minus the objective (0.1% of requests for 99.9%). "Budget remaining" is 1 minus the error ratio over the whole period divided by that budget: 100% untouched, 0% spent, negative when overspent.',
    page: 'slos',
    anchor: 'error-budget',
  },
  'burn-rate': {
    title: 'Burn rate',
    summary:
      'How fast the error budget is being spent: the error ratio in a window divided by the budget. 1 spends exactly the budget over the period; 14.4 spends 2% of a 30-day budget in one hour (the whole budget in 50 hours). Vigil shows it over 5m, 30m, 1h, 2h, 6h, 1d and 3d.',
    page: 'slos',
    anchor: 'burn-rate',
  },
  'burn-rate-alerts': {
    title: 'Multi-window, multi-burn-rate alerts',
    summary:
      'Each SLO gets a page alert (burn rate above 14.4 over 1h and 5m, or above 6 over 6h and 30m) and a ticket alert (above 3 over 1d and 2h, or above 1 over 3d and 6h), as Sloth generates them. Both windows of a pair must burn: the long one proves it matters, the short one that it is still going on.',
    page: 'slos',
    anchor: 'multi-window-multi-burn-rate-alerts',
  },
  'burn-down': {
    title: 'Budget burn-down',
    summary:
      'The error budget remaining over time, from the evaluations Vigil stored. Dashed markers are deploys and rollbacks of the service, so a drop right after a release stands out.',
    page: 'slos',
    anchor: 'the-burn-down-chart',
  },
  'slo-portfolio': {
    title: 'The SLOs page',
    summary:
      'Every SLO of every entity you may read, least budget first, filtered by owner, system, lifecycle, status or text; the sandbox’s practice SLOs only when you pick them. A row opens its entity’s SLOs tab.',
    page: 'slos',
    anchor: 'the-slos-page',
  },
  'slo-spec': {
    title: 'SLOs as code',
    summary:
      'An entity declares its SLOs in a Sloth or OpenSLO file named by the annotation vigil.dev/slo-spec. Vigil re-reads the specs every few minutes and generates the Prometheus recording and alert rules from them; a spec that does not validate is listed with its problem.',
    page: 'slos',
    anchor: 'slos-as-code',
  },
  incident: {
    title: 'Incidents',
    summary:
      'An incident is a problem affecting one or more catalog entities that people are working on now. It is declared by a person or opened by an SLO alert through Alertmanager, has a severity, a status, roles and a timeline, and ends with a postmortem.',
    page: 'incidents',
  },
  'incident-status': {
    title: 'Incident status',
    summary:
      'investigating: the cause is not known. identified: the cause is known, a fix is under way. monitoring: a fix or mitigation is in place and being watched. resolved: the impact is over (it may reopen). closed: final, and only once the postmortem is published.',
    page: 'incidents',
    anchor: 'statuses',
  },
  'incident-severity': {
    title: 'Severity',
    summary:
      'SEV1 Critical: outage or data loss for many customers. SEV2 Major: major functions degraded or an SLO burning fast (a page alert). SEV3 Minor: partial degradation with a workaround (a ticket alert). SEV4 Low: cosmetic or internal only. The severity also sets how urgently on-call is paged.',
    page: 'incidents',
    anchor: 'severities',
  },
  'incident-roles': {
    title: 'Incident roles',
    summary:
      'The commander runs the response and decides; the communications lead keeps stakeholders informed; the scribe keeps the timeline. Roles are held by people, and every change is kept in the role history.',
    page: 'incidents',
    anchor: 'roles',
  },
  'declare-incident': {
    title: 'Declaring an incident',
    summary:
      'Any signed-in user (not the read-only guest) may declare: a title, a summary, a severity and the affected entities. The owners’ on-call is paged at once through their escalation policy, and the owning groups are notified.',
    page: 'incidents',
    anchor: 'declaring-an-incident',
  },
  'incident-timeline': {
    title: 'Incident timeline',
    summary:
      'Everything that happened, oldest first: status and severity changes, roles, notes, alerts attached and resolved, links, pages and the postmortem. It is the raw material of the postmortem’s timeline.',
    page: 'incidents',
    anchor: 'the-timeline',
  },
  'incident-metrics': {
    title: 'Incident metrics',
    summary:
      'Over the chosen period: incidents by severity, MTTA (detected to acknowledged), mean time to mitigate and MTTR (declared to mitigated and to resolved), the share with a published postmortem, and overdue action items.',
    page: 'incidents',
    anchor: 'incident-metrics',
  },
  paging: {
    title: 'Paging',
    summary:
      'A new incident pages the escalation policy of its entity’s owner: the policy’s steps notify whoever is on call, one after another, until someone acknowledges the incident or the page. If there is no policy or nobody on call, the incident says so.',
    page: 'oncall',
    anchor: 'pages',
  },
  postmortem: {
    title: 'Postmortems',
    summary:
      'A blameless write-up after an incident, following the Google SRE book’s template: summary, impact, root causes, trigger, resolution, detection, lessons learned, action items and timeline. It goes draft, in review, published (final); an incident closes only once its postmortem is published.',
    page: 'incidents',
    anchor: 'postmortems',
  },
  'action-items': {
    title: 'Action items',
    summary:
      'What a postmortem commits to, each with an owner (a person or group), a priority P0 to P3, an optional due date and a status (open, in progress, done, won’t do). Open items past their due date count as overdue.',
    page: 'incidents',
    anchor: 'action-items',
  },
  'oncall-schedule': {
    title: 'On-call schedules',
    summary:
      'A schedule, owned by a group, says who is on call when: layers of participants rotating hourly, daily, weekly or monthly in the schedule’s time zone, optionally restricted to some hours; the highest layer with someone wins. Gaps (nobody on call) are flagged.',
    page: 'oncall',
    anchor: 'schedules',
  },
  'oncall-override': {
    title: 'Overrides',
    summary:
      'An override puts someone else on call for a stretch of time, above every layer, without editing the rotation: select a range on the timeline. One that has not begun can be deleted; one under way ends now.',
    page: 'oncall',
    anchor: 'overrides',
  },
  'escalation-policy': {
    title: 'Escalation policies',
    summary:
      'Who is paged, in which order: steps, each with a delay and targets (a schedule’s on-call person, a user or a whole group), repeated a number of times. An entity uses the policy named by vigil.dev/escalation-policy, else its owner’s first policy.',
    page: 'oncall',
    anchor: 'escalation-policies',
  },
  'oncall-now': {
    title: 'On call now',
    summary:
      'Who is on call for this entity now and next, from its owner’s schedules. Page sends them a page through the escalation policy.',
    page: 'oncall',
    anchor: 'who-is-on-call',
  },
  'my-oncall': {
    title: 'Your on-call',
    summary:
      'Your upcoming shifts, the pages sent to you that are still open, and a private calendar feed (iCal) of your shifts.',
    page: 'oncall',
    anchor: 'your-shifts-and-pages',
  },
  deployments: {
    title: 'Deployments',
    summary:
      'Every deploy, rollback and rollback drill of the service as the deploy CLI recorded it: who, which version and commit, each step (build, start, smoke, switch, watch, retire) and the outcome.',
    page: 'deployments',
  },
  dora: {
    title: 'Delivery performance (DORA)',
    summary:
      'Deployment frequency, change failure rate (deploys rolled back or failed after taking traffic), time to restore and lead time from commit to live, over the chosen period. Drills are not counted.',
    page: 'deployments',
    anchor: 'delivery-performance-dora',
  },
  'rollback-drill': {
    title: 'Rollback drills',
    summary:
      'A drill releases a build with a latent fault under load and proves the deploy’s watch window rolls it back on its own, measuring detection, RTO (bad release to healthy traffic, target 60 s) and RPO (the failure window and lost writes).',
    page: 'deployments',
    anchor: 'rollback-drills',
  },
  'what-changed': {
    title: 'What changed',
    summary:
      'The deploys, rollbacks and drills of the affected entities from 24 hours before the incident started until it was resolved: the first suspect when something breaks.',
    page: 'deployments',
    anchor: 'what-changed-before-an-incident',
  },
  'launch-review': {
    title: 'Launch reviews',
    summary:
      'A Go/No-Go review gathers its own evidence: gates of automated and manual checks from a template, evaluated every 15 minutes. The service’s product owners sign Go (every blocking check passing or waived) or No-Go, and a Go reopens when a check stops passing.',
    page: 'launch-reviews',
  },
  'launch-gate': {
    title: 'Gates and checks',
    summary:
      'Each gate (Architecture, Performance, Integration, Quality, Security, Operations) holds checks. A check is pass, fail, unknown (its source could not be read: never a pass), pending (not evaluated or not answered) or waived.',
    page: 'launch-reviews',
    anchor: 'gates-and-checks',
  },
  'launch-sign-off': {
    title: 'Signing Go or No-Go',
    summary:
      'Only the review’s product owners sign. A Go needs every blocking check to pass or carry an active waiver, and records the evidence hash you saw; a No-Go may be signed any time. Sign-offs are append-only.',
    page: 'launch-reviews',
    anchor: 'signing-go-or-no-go',
  },
  waiver: {
    title: 'Waivers',
    summary:
      'A waiver lets a launch go ahead with one check not passing: a reason of at least 10 characters and an expiry within 180 days, granted by the product owners or the service’s owners. When it expires a Go review reopens.',
    page: 'launch-reviews',
    anchor: 'waivers',
  },
  'service-health': {
    title: 'Service health',
    summary:
      'The golden signals from Prometheus: request rate, 5xx error ratio, latency p50/p95/p99 and saturation, with deploys (dashed lines) and incidents (shaded) marked. When data is missing the tab says whether it is partial, empty, Prometheus down or misconfigured.',
    page: 'observability',
    anchor: 'service-health',
  },
  logs: {
    title: 'Logs',
    summary:
      'The service’s log lines, searchable by whole words, minimum level, time range and request id, with a live tail. Opened from an incident or an SLO, the search starts at that time window.',
    page: 'observability',
    anchor: 'logs',
  },
  'rum-errors': {
    title: 'JavaScript errors',
    summary:
      'Exceptions the portal’s users hit in their browsers (Grafana Faro), grouped by type, message and top stack frame, with counts, sessions, first and last seen, releases and routes. Portal admins only.',
    page: 'observability',
    anchor: 'javascript-errors',
  },
  'portal-usage': {
    title: 'Portal usage',
    summary:
      'How the portal itself is used and how fast it is: users, sessions, page loads, sessions with errors and the slowest routes by LCP p75, from real users’ browsers.',
    page: 'observability',
    anchor: 'portal-usage',
  },
  'roles-and-permissions': {
    title: 'Roles and permissions',
    summary:
      'What you may do depends on your groups: owners act on their services, SRE on any incident, product owners sign launches, portal admins manage the catalog; the guest only reads.',
    page: 'roles-and-permissions',
  },
  'add-your-service': {
    title: 'Add your service',
    summary:
      'The "Add your service" template in Create writes your service’s catalog entry, SLO spec, runbook skeleton and on-call stub, and the portal shows it within seconds.',
    page: 'add-your-service',
  },
  support: {
    title: 'Feedback and support',
    summary:
      'Tell the portal team what works and what does not, or report a problem with its context attached; follow your tickets on the Support page.',
    page: 'support',
  },
  sandbox: {
    title: 'The sandbox',
    summary:
      'Synthetic services you may break on purpose: inject faults, watch SLOs burn, declare incidents and write postmortems without touching real services. Reset it in one action.',
    page: 'sandbox',
  },
};

/**
 * The id of a help topic, e.g. `burn-rate`.
 * @public
 */
export type HelpTopicId =
  | 'slo'
  | 'slo-status'
  | 'error-budget'
  | 'burn-rate'
  | 'burn-rate-alerts'
  | 'burn-down'
  | 'slo-portfolio'
  | 'slo-spec'
  | 'incident'
  | 'incident-status'
  | 'incident-severity'
  | 'incident-roles'
  | 'declare-incident'
  | 'incident-timeline'
  | 'incident-metrics'
  | 'paging'
  | 'postmortem'
  | 'action-items'
  | 'oncall-schedule'
  | 'oncall-override'
  | 'escalation-policy'
  | 'oncall-now'
  | 'my-oncall'
  | 'deployments'
  | 'dora'
  | 'rollback-drill'
  | 'what-changed'
  | 'launch-review'
  | 'launch-gate'
  | 'launch-sign-off'
  | 'waiver'
  | 'service-health'
  | 'logs'
  | 'rum-errors'
  | 'portal-usage'
  | 'roles-and-permissions'
  | 'add-your-service'
  | 'support'
  | 'sandbox';

/**
 * Every help topic, by id.
 * @public
 */
export const helpTopics: Readonly<Record<HelpTopicId, HelpTopic>> = topics;

/**
 * The portal path of a topic's help page, with its heading anchor:
 * `/docs/default/component/vigil/help/slos/#burn-rate`.
 * @public
 */
export function helpDocsPath(topic: HelpTopicId): string {
  const { page, anchor } = helpTopics[topic];
  return `${VIGIL_DOCS_PATH}/help/${page}/${anchor ? `#${anchor}` : ''}`;
}
