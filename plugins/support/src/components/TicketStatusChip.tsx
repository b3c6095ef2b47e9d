import Chip from '@material-ui/core/Chip';
import {
  isTicketActive,
  TICKET_STATUS_LABELS,
  type TicketStatus,
} from '@vigil/backstage-plugin-support-common';

/** A ticket's status: filled while the reporter waits, outlined after. */
export function TicketStatusChip(props: { status: TicketStatus }) {
  const active = isTicketActive(props.status);
  return (
    <Chip
      size="small"
      label={TICKET_STATUS_LABELS[props.status]}
      color={active ? 'primary' : 'default'}
      variant={active ? 'default' : 'outlined'}
      data-testid={`support-ticket-status-${props.status}`}
    />
  );
}
