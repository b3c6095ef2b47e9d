import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Typography from '@material-ui/core/Typography';
import {
  nextTicketStatuses,
  TICKET_STATUS_LABELS,
  type SupportTicket,
} from '@vigil/backstage-plugin-support-common';
import { errorMessage } from '@vigil/frontend-kit';
import { useState } from 'react';
import { supportApiRef } from '../api/supportApiRef';

/**
 * The statuses a ticket may move to, as buttons (test ids
 * `support-ticket-set-<status>`). The change names the version shown; if
 * someone changed the ticket since, the backend refuses (409) and the list
 * reloads.
 */
export function TicketStatusActions(props: {
  ticket: SupportTicket;
  onChanged: () => void;
}) {
  const { ticket, onChanged } = props;
  const supportApi = useApi(supportApiRef);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const change = async (status: SupportTicket['status']) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await supportApi.changeTicketStatus(ticket.id, {
        status,
        version: ticket.version,
      });
      onChanged();
    } catch (error) {
      setFailure(errorMessage(error));
      if ((error as { statusCode?: number }).statusCode === 409) onChanged();
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ButtonGroup size="small" disabled={busy}>
        {nextTicketStatuses(ticket.status).map(status => (
          <Button
            key={status}
            data-testid={`support-ticket-set-${status}`}
            onClick={() => change(status)}
          >
            {TICKET_STATUS_LABELS[status]}
          </Button>
        ))}
      </ButtonGroup>
      {failure && (
        <Typography color="error" variant="body2" role="alert">
          {failure}
        </Typography>
      )}
    </>
  );
}
