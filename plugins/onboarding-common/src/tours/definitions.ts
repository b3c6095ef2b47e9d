import type { TourRole } from './roles';

/**
 * One step of a tour: the page to open and the element to point at, found
 * by its `data-tour` attribute.
 * @public
 */
export interface TourStep {
  /** Unique within its tour; also the `data-tour` id it points at. */
  id: string;
  /** The route the step is shown on; the tour opens it when elsewhere. */
  route: string;
  /** A CSS selector, always `[data-tour="<id>"]` (see {@link tourTarget}). */
  target: string;
  title: string;
  body: string;
}

/** A role's guided tour. @public */
export interface TourDefinition {
  role: TourRole;
  /** As the help menu names it, e.g. "SRE tour". */
  title: string;
  /** What the tour shows, in one line. */
  summary: string;
  steps: readonly TourStep[];
}

/** The selector of the element marked `data-tour="<id>"`. @public */
export function tourTarget(id: string): string {
  return `[data-tour="${id}"]`;
}

/** The demo service whose pages the tours show (the catalog's flagship). */
const EXAMPLE_SLO_TAB = '/catalog/default/component/scoring-api/slos';

const step = (
  id: string,
  route: string,
  title: string,
  body: string,
): TourStep => ({ id, route, target: tourTarget(id), title, body });

/** The last step of every tour: where help lives afterwards. */
const helpStep = (route: string): TourStep =>
  step(
    'help-menu',
    route,
    'Help is always here',
    'Restart or resume any tour, read the FAQ and the glossary, follow your support tickets or practise in the sandbox from this menu.',
  );

/** The tours, by role. @public */
export const TOURS: Readonly<Record<TourRole, TourDefinition>> = {
  sre: {
    role: 'sre',
    title: 'SRE tour',
    summary: 'SLOs, error budgets, burn rates and incidents',
    steps: [
      step(
        'slo-filters',
        '/slos',
        'Every SLO in one place',
        'The SLO portfolio lists every objective in the catalog, least error budget first. Filter by owner, system or status to find yours.',
      ),
      step(
        'slo-burn-down',
        EXAMPLE_SLO_TAB,
        'Error budget',
        "A service's SLO tab shows its objective, attainment and how much of the error budget is left over the SLO period.",
      ),
      step(
        'slo-burn-rates',
        EXAMPLE_SLO_TAB,
        'Burn rates',
        'How fast the budget burns in each window. A page fires when a short and a long window both burn faster than their threshold.',
      ),
      step(
        'incidents-metrics',
        '/incidents',
        'Incidents',
        'Open incidents, time to acknowledge and time to resolve. Alerts from Alertmanager declare incidents here on their own.',
      ),
      step(
        'incidents-declare',
        '/incidents',
        'Declare an incident',
        'Something is wrong and no alert caught it? Declare an incident: the owning team is paged and a commander is assigned.',
      ),
      helpStep('/incidents'),
    ],
  },
  engineer: {
    role: 'engineer',
    title: 'Engineer tour',
    summary: 'Your service, runbooks, search and adding a service',
    steps: [
      step(
        'home-my-services',
        '/',
        'Your services',
        'The services owned by you and your teams, with their SLO status and open incidents.',
      ),
      step(
        'home-shortcuts',
        '/',
        'Runbooks and shortcuts',
        'Every service keeps its runbooks in its docs. Start here when you are paged.',
      ),
      step(
        'nav-search',
        '/',
        'Search everything',
        'Search services, runbooks, incidents and postmortems from anywhere.',
      ),
      step(
        'nav-create',
        '/',
        'Add your service',
        'Create > Add your service registers a service with its SLOs, a runbook skeleton and an on-call stub, in a minute.',
      ),
      step(
        'slo-filters',
        '/slos',
        "Your service's SLOs",
        'Filter the SLO portfolio by your team to see how much error budget your services have left.',
      ),
      helpStep('/slos'),
    ],
  },
  'incident-commander': {
    role: 'incident-commander',
    title: 'Incident commander tour',
    summary: 'Declaring, roles, on-call and postmortems',
    steps: [
      step(
        'incidents-declare',
        '/incidents',
        'Declare',
        'Declare an incident with a severity and the affected services; the owning team is paged.',
      ),
      step(
        'incidents-list',
        '/incidents',
        'Roles',
        'Open an incident to take command. The commander assigns the communications lead and the scribe, and every change lands in the timeline.',
      ),
      step(
        'incidents-metrics',
        '/incidents',
        'How fast we respond',
        'Time to acknowledge and time to resolve, over the last days.',
      ),
      step(
        'incidents-postmortems-tab',
        '/incidents',
        'Postmortems',
        'A resolved incident gets a blameless postmortem: impact, timeline, causes and action items with owners.',
      ),
      step(
        'oncall-my-pages',
        '/oncall',
        'On call',
        'Pages sent to you and your shifts. Acknowledge a page here to stop the escalation.',
      ),
      helpStep('/oncall'),
    ],
  },
  'product-owner': {
    role: 'product-owner',
    title: 'Product owner tour',
    summary: 'Launch reviews, SLOs and incidents of your product',
    steps: [
      step(
        'home-awaiting-decision',
        '/',
        'Awaiting your decision',
        'Launch reviews waiting for your Go or No-Go appear on your home page.',
      ),
      step(
        'launches-filters',
        '/launch-gates',
        'Launch reviews',
        'Every launch by target date, with the checks that still block a Go and who signs.',
      ),
      step(
        'slo-filters',
        '/slos',
        'Reliability of your product',
        'The SLOs of your services and their remaining error budget: the budget left is the room for risky changes.',
      ),
      step(
        'incidents-metrics',
        '/incidents',
        'Incidents',
        'Open incidents and how fast they are resolved; each resolved one has a postmortem.',
      ),
      helpStep('/incidents'),
    ],
  },
  admin: {
    role: 'admin',
    title: 'Portal admin tour',
    summary: 'Support tickets, portal errors and the catalog',
    steps: [
      step(
        'support-admin',
        '/support/admin',
        'Support tickets and feedback',
        'Every ticket and feedback item from the portal; change a status and the reporter is notified.',
      ),
      step(
        'rum-errors',
        '/rum/errors',
        'Portal errors',
        "JavaScript errors from users' browsers, grouped, with the routes and releases they happen on.",
      ),
      step(
        'nav-catalog',
        '/catalog',
        'The catalog',
        'Every service, API, system and team. Services added from the template appear here within seconds.',
      ),
      step(
        'nav-create',
        '/catalog',
        'Templates',
        'Teams register their services with the Add your service template; no Git host needed.',
      ),
      helpStep('/catalog'),
    ],
  },
};

/** The tour of a role. @public */
export function tourOf(role: TourRole): TourDefinition {
  return TOURS[role];
}
