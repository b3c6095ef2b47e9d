import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { HelpIcon, ReportableErrorPanel } from '@vigil/frontend-kit';
import { useCallback } from 'react';
import { supportApiRef } from '../api/supportApiRef';
import { FeedbackRows } from './FeedbackRows';
import { Pager } from './Pager';
import { TicketRows } from './TicketRows';
import { TicketStatusActions } from './TicketStatusActions';
import { usePagedList } from './usePagedList';

/** A list's body: progress, its error (403 for non-admins), empty, or rows. */
function listBody<T>(
  list: ReturnType<typeof usePagedList<T>>,
  empty: string,
  rows: (items: T[]) => JSX.Element,
) {
  if (list.loading && !list.value) return <Progress />;
  if (list.error) return <ReportableErrorPanel error={list.error} />;
  if (!list.value?.items.length) return <Typography>{empty}</Typography>;
  return (
    <>
      {rows(list.value.items)}
      <Pager total={list.value.totalCount} {...list} />
    </>
  );
}

/**
 * `/support/admin` (portal admins): every ticket with its status to change,
 * and all feedback. Others see the backend's refusal.
 */
export function SupportAdmin() {
  const supportApi = useApi(supportApiRef);
  const tickets = usePagedList(
    useCallback(
      (query: { limit: number; offset: number }) =>
        supportApi.listTickets(query),
      [supportApi],
    ),
  );
  const feedback = usePagedList(
    useCallback(
      (query: { limit: number; offset: number }) =>
        supportApi.listFeedback(query),
      [supportApi],
    ),
  );
  return (
    <Page themeId="tool">
      <Header
        title="Support admin"
        subtitle="Every ticket and all feedback (portal admins)"
      >
        <HelpIcon topic="support" />
      </Header>
      <Content>
        {/* The portal admin tour points here (plugins/onboarding). */}
        <div data-tour="support-admin">
          <InfoCard title="Tickets">
            {listBody(tickets, 'No tickets.', items => (
              <TicketRows
                tickets={items}
                reporter
                actions={ticket => (
                  <TicketStatusActions
                    ticket={ticket}
                    onChanged={tickets.retry}
                  />
                )}
              />
            ))}
          </InfoCard>
        </div>
        <br />
        <InfoCard title="Feedback">
          {listBody(feedback, 'No feedback yet.', items => (
            <FeedbackRows feedback={items} />
          ))}
        </InfoCard>
      </Content>
    </Page>
  );
}
