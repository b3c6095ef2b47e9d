import { InfoCard, Link, Progress } from '@backstage/core-components';
import {
  HelpIcon,
  ReportableErrorPanel,
  ReportProblemButton,
} from '@vigil/frontend-kit';
import { useApi } from '@backstage/core-plugin-api';
import {
  Button,
  List,
  ListItem,
  ListItemSecondaryAction,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { onCallApiRef } from '../api';
import { errorMessage } from '../lib/errors';
import { useOnCallLinks } from '../lib/links';
import { formatRelative } from '../lib/time';
import { useNow } from '../lib/useNow';
import { useOnCallSignal } from '../lib/useOnCallSignal';
import { EntityRefText } from './EntityRefText';

/** Pages sent to the signed-in user and not acknowledged yet. */
export function MyOpenPages() {
  const api = useApi(onCallApiRef);
  const links = useOnCallLinks();
  const now = useNow();
  const pages = useAsyncRetry(
    () => api.listPages({ mine: true, status: ['open'] }),
    [api],
  );
  useOnCallSignal(signal => signal.type !== 'schedule_changed', pages.retry);
  const [ack, acknowledge] = useAsyncFn(
    async (id: string) => {
      await api.acknowledgePage(id);
      pages.retry();
    },
    [api, pages.retry],
  );

  let body: JSX.Element;
  if (pages.loading && !pages.value) body = <Progress />;
  else if (pages.error) body = <ReportableErrorPanel error={pages.error} />;
  else if (!pages.value || pages.value.items.length === 0) {
    body = <Typography variant="body2">No open pages for you.</Typography>;
  } else {
    body = (
      <List dense aria-label="My open pages">
        {pages.value.items.map(page => (
          <ListItem key={page.id} disableGutters>
            <ListItemText
              primary={<Link to={links.page(page.id)}>{page.title}</Link>}
              secondary={
                <>
                  <EntityRefText entityRef={page.entityRef} /> · {page.severity}{' '}
                  · opened {formatRelative(page.openedAt, now)}
                </>
              }
            />
            <ListItemSecondaryAction>
              <Button
                variant="contained"
                color="primary"
                size="small"
                disabled={ack.loading}
                onClick={() => acknowledge(page.id)}
                aria-label={`Acknowledge ${page.title}`}
              >
                Acknowledge
              </Button>
            </ListItemSecondaryAction>
          </ListItem>
        ))}
      </List>
    );
  }
  return (
    <InfoCard title="My open pages" action={<HelpIcon topic="paging" />}>
      {ack.error && (
        <Alert
          severity="error"
          action={<ReportProblemButton error={ack.error} variant="text" />}
        >
          {errorMessage(ack.error)}
        </Alert>
      )}
      {body}
    </InfoCard>
  );
}
