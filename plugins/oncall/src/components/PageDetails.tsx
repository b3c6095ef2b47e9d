import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  Table,
} from '@backstage/core-components';
import {
  HelpIcon,
  ReportableErrorPanel,
  ReportProblemButton,
} from '@vigil/frontend-kit';
import { useApi } from '@backstage/core-plugin-api';
import { useRouteRefParams } from '@backstage/frontend-plugin-api';
import { Button, Grid, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { onCallApiRef, type PageDelivery } from '../api';
import { errorMessage } from '../lib/errors';
import { pageRouteRef } from '../lib/routes';
import { formatInstant } from '../lib/time';
import { EntityRefText } from './EntityRefText';

/**
 * One page: what it is about, its state (who acknowledged, when) and every
 * delivery (who was paged, when, how and through which step).
 */
export function PageDetails(props: { id: string }) {
  const { id } = props;
  const api = useApi(onCallApiRef);
  const page = useAsyncRetry(() => api.getPage(id), [api, id]);
  const [ack, acknowledge] = useAsyncFn(async () => {
    await api.acknowledgePage(id);
    page.retry();
  }, [api, id, page.retry]);
  const value = page.value;

  return (
    <Page themeId="tool">
      <Header
        title={value?.title ?? 'Page'}
        subtitle="A page to on-call people"
      >
        <HelpIcon topic="paging" />
      </Header>
      <Content>
        {page.loading && !value && <Progress />}
        {page.error && <ReportableErrorPanel error={page.error} />}
        {ack.error && (
          <Alert
            severity="error"
            action={
              <ReportProblemButton
                error={ack.error}
                entityRef={value?.entityRef}
                variant="text"
              />
            }
          >
            {errorMessage(ack.error)}
          </Alert>
        )}
        {value && (
          <Grid container spacing={3}>
            <Grid item xs={12} md={5}>
              <InfoCard title="Page" action={<HelpIcon topic="paging" />}>
                <Typography variant="body2">
                  For <EntityRefText entityRef={value.entityRef} /> (
                  {value.severity}), opened {formatInstant(value.openedAt)} by{' '}
                  <EntityRefText entityRef={value.openedBy} />
                </Typography>
                {value.description && (
                  <Typography variant="body2" paragraph>
                    {value.description}
                  </Typography>
                )}
                <Typography variant="body2">
                  Policy: {value.policyName ?? 'none'}
                </Typography>
                <Typography variant="body2" data-testid="oncall-page-status">
                  Status: {value.status}
                  {value.acknowledgedAt && value.acknowledgedBy && (
                    <>
                      {' '}
                      by <EntityRefText
                        entityRef={value.acknowledgedBy}
                      /> at {formatInstant(value.acknowledgedAt)}
                    </>
                  )}
                  {value.status === 'open' && value.nextEscalationAt && (
                    <> · escalates at {formatInstant(value.nextEscalationAt)}</>
                  )}
                </Typography>
                {value.link && <Link to={value.link}>Incident</Link>}
                {value.status === 'open' && (
                  <Button
                    variant="contained"
                    color="primary"
                    onClick={() => acknowledge()}
                    disabled={ack.loading}
                  >
                    Acknowledge
                  </Button>
                )}
              </InfoCard>
            </Grid>
            <Grid item xs={12} md={7}>
              <Table<PageDelivery>
                title="Deliveries"
                options={{ paging: false, search: false, padding: 'dense' }}
                data={value.deliveries.map(d => ({ ...d }))}
                columns={[
                  { title: 'When', render: d => formatInstant(d.at) },
                  {
                    title: 'Who',
                    render: d => <EntityRefText entityRef={d.userRef} />,
                  },
                  { title: 'How', field: 'channel' },
                  { title: 'Via', field: 'via' },
                  {
                    title: 'Step',
                    render: d =>
                      `${d.stepIndex + 1}${
                        d.repeatIndex ? ` (repeat ${d.repeatIndex + 1})` : ''
                      }`,
                  },
                ]}
                emptyContent={
                  <Typography variant="body2">Nobody was paged.</Typography>
                }
              />
            </Grid>
          </Grid>
        )}
      </Content>
    </Page>
  );
}

/** `/oncall/pages/:id`. */
export function PageDetailsPage() {
  const { id } = useRouteRefParams(pageRouteRef);
  return <PageDetails id={id} />;
}
