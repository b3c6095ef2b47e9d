import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { ReportableErrorPanel } from '@vigil/frontend-kit';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { supportApiRef } from '../api/supportApiRef';
import { TicketStatusChip } from './TicketStatusChip';

/** `/support/tickets/:ticketId`: one ticket, its status and its context. */
export function TicketDetails() {
  const { ticketId = '' } = useParams();
  const supportApi = useApi(supportApiRef);
  const {
    value: ticket,
    loading,
    error,
  } = useAsync(() => supportApi.getTicket(ticketId), [supportApi, ticketId]);
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ReportableErrorPanel error={error} />;
  else if (ticket) {
    const { context } = ticket;
    body = (
      <InfoCard title={`Ticket ${ticket.id}`}>
        <Typography paragraph data-testid="support-ticket-text">
          {ticket.text}
        </Typography>
        <StructuredMetadataTable
          metadata={{
            status: <TicketStatusChip status={ticket.status} />,
            reporter: ticket.reporterRef,
            filed: new Date(ticket.createdAt).toLocaleString(),
            updated: `${new Date(ticket.updatedAt).toLocaleString()}${
              ticket.updatedBy ? ` by ${ticket.updatedBy}` : ''
            }`,
            error: context.message ?? '—',
            'request id': context.requestId ?? '—',
            'status code': context.statusCode ?? '—',
            page: context.route ?? '—',
            entity: context.entityRef ?? '—',
            'error time': context.time ?? '—',
            'Faro session': context.faroSessionId ?? '—',
            'app version': context.appVersion ?? '—',
          }}
        />
      </InfoCard>
    );
  }
  return (
    <Page themeId="tool">
      <Header
        title="Support ticket"
        subtitle={<Link to="/support">My tickets</Link>}
      />
      <Content>{body}</Content>
    </Page>
  );
}
