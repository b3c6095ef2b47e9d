import { Link } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import {
  summarize,
  type SupportTicket,
} from '@vigil/backstage-plugin-support-common';
import type { ReactNode } from 'react';
import { ticketPath } from '../api/ReportProblemClient';
import { TicketStatusChip } from './TicketStatusChip';

const when = (iso: string) => new Date(iso).toLocaleString();

/**
 * Tickets as table rows (test id `support-ticket-row`), each linking to
 * its page; `reporter` adds who filed it, `actions` a last cell.
 */
export function TicketRows(props: {
  tickets: SupportTicket[];
  reporter?: boolean;
  actions?: (ticket: SupportTicket) => ReactNode;
}) {
  const { tickets, reporter, actions } = props;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>Ticket</TableCell>
          {reporter && <TableCell>Reporter</TableCell>}
          <TableCell>Status</TableCell>
          <TableCell>Filed</TableCell>
          <TableCell>Updated</TableCell>
          {actions && <TableCell>Change status</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {tickets.map(ticket => (
          <TableRow
            key={ticket.id}
            data-testid="support-ticket-row"
            data-ticket-id={ticket.id}
          >
            <TableCell>
              <Link to={ticketPath(ticket.id)}>{summarize(ticket.text)}</Link>
              {ticket.context.message && (
                <div>
                  <small>{summarize(ticket.context.message, 100)}</small>
                </div>
              )}
            </TableCell>
            {reporter && <TableCell>{ticket.reporterRef}</TableCell>}
            <TableCell>
              <TicketStatusChip status={ticket.status} />
            </TableCell>
            <TableCell>{when(ticket.createdAt)}</TableCell>
            <TableCell>{when(ticket.updatedAt)}</TableCell>
            {actions && <TableCell>{actions(ticket)}</TableCell>}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
