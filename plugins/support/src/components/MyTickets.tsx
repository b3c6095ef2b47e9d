import {
  Content,
  EmptyState,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { HelpIcon, ReportableErrorPanel } from '@vigil/frontend-kit';
import { useCallback } from 'react';
import { supportApiRef } from '../api/supportApiRef';
import { Pager } from './Pager';
import { TicketRows } from './TicketRows';
import { usePagedList } from './usePagedList';

/** `/support`: the signed-in user's tickets and where each stands. */
export function MyTickets() {
  const supportApi = useApi(supportApiRef);
  const load = useCallback(
    (query: { limit: number; offset: number }) =>
      supportApi.listMyTickets(query),
    [supportApi],
  );
  const list = usePagedList(load);
  let body;
  if (list.loading) body = <Progress />;
  else if (list.error) body = <ReportableErrorPanel error={list.error} />;
  else if (!list.value?.items.length) {
    body = (
      <EmptyState
        missing="data"
        title="No tickets yet"
        description='When something fails, press "Report this problem" on the error: the ticket lands here with the error’s details, and you are notified when its status changes.'
      />
    );
  } else {
    body = (
      <>
        <TicketRows tickets={list.value.items} />
        <Pager total={list.value.totalCount} {...list} />
      </>
    );
  }
  return (
    <Page themeId="tool">
      <Header
        title="Support"
        subtitle="Your support tickets, and feedback on the portal"
      >
        <HelpIcon topic="support" />
      </Header>
      <Content>
        <Typography paragraph>
          Give feedback with the Feedback button at the bottom right of every
          page. Portal admins see every ticket on{' '}
          <Link to="/support/admin">the support admin page</Link>.
        </Typography>
        <InfoCard title="My tickets">{body}</InfoCard>
      </Content>
    </Page>
  );
}
