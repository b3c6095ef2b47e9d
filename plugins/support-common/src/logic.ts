import { TICKET_STATUSES, type TicketStatus } from './schemas';

/** How each status reads on the pages. @public */
export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  resolved: 'Resolved',
  closed: 'Closed',
};

/**
 * The statuses a ticket may move to from `from`: forward to any later one,
 * and back to open from resolved or closed (a reopened problem). Staying on
 * the same status is no change.
 * @public
 */
export function nextTicketStatuses(from: TicketStatus): TicketStatus[] {
  const index = TICKET_STATUSES.indexOf(from);
  const forward = TICKET_STATUSES.slice(index + 1);
  const reopen: TicketStatus[] =
    from === 'resolved' || from === 'closed' ? ['open'] : [];
  if (from === 'in-progress') reopen.push('open');
  return [...reopen, ...forward];
}

/**
 * Why `from` cannot become `to`, or undefined when it can.
 * @public
 */
export function ticketTransitionProblem(
  from: TicketStatus,
  to: TicketStatus,
): string | undefined {
  if (from === to) return `The ticket is already ${TICKET_STATUS_LABELS[to]}`;
  if (!nextTicketStatuses(from).includes(to)) {
    return `A ${TICKET_STATUS_LABELS[from]} ticket cannot become ${TICKET_STATUS_LABELS[to]}`;
  }
  return undefined;
}

/** Whether the reporter still waits on it. @public */
export function isTicketActive(status: TicketStatus): boolean {
  return status === 'open' || status === 'in-progress';
}

/**
 * The path of a URL or path, without query or fragment (they can carry
 * tokens or personal data), at most `max` characters.
 * @public
 */
export function routeOf(
  url: string | undefined,
  max = 500,
): string | undefined {
  if (!url) return undefined;
  let path: string;
  try {
    path = new URL(url, 'http://vigil.invalid').pathname;
  } catch {
    return undefined;
  }
  return path.slice(0, max);
}

/**
 * A short text for a list: the first line of `text`, at most `max`
 * characters, with an ellipsis when cut.
 * @public
 */
export function summarize(text: string, max = 120): string {
  const firstLine = text.trim().split('\n', 1)[0] ?? '';
  return firstLine.length > max
    ? `${firstLine.slice(0, max - 1).trimEnd()}…`
    : firstLine;
}

/**
 * The entity a catalog or docs route is about (`/catalog/:namespace/:kind/:name/...`,
 * `/docs/:namespace/:kind/:name/...`), as an entity ref, or undefined.
 * @public
 */
export function entityRefOfRoute(path: string | undefined): string | undefined {
  const match = /^\/(?:catalog|docs)\/([^/]+)\/([^/]+)\/([^/]+)/.exec(
    path ?? '',
  );
  if (!match) return undefined;
  const [namespace, kind, name] = match.slice(1).map(decodeURIComponent);
  return `${kind.toLocaleLowerCase('en-US')}:${namespace}/${name}`;
}
