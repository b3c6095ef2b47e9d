import { CopyTextButton, InfoCard, Progress } from '@backstage/core-components';
import {
  HelpIcon,
  ReportableErrorPanel,
  ReportProblemButton,
} from '@vigil/frontend-kit';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  List,
  ListItem,
  ListItemSecondaryAction,
  ListItemText,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { onCallApiRef } from '../api';
import { errorMessage } from '../lib/errors';
import { formatInstant } from '../lib/time';

/**
 * Calendar feeds of the user's shifts: a new one shows its URL once (it
 * holds the secret token); existing ones can be revoked.
 */
export function CalendarSubscriptions() {
  const api = useApi(onCallApiRef);
  const tokens = useAsyncRetry(() => api.listCalendarTokens(), [api]);
  const [created, create] = useAsyncFn(async () => {
    const token = await api.createCalendarToken({ kind: 'user' });
    tokens.retry();
    return token;
  }, [api, tokens.retry]);
  const [revoked, revoke] = useAsyncFn(
    async (id: string) => {
      await api.revokeCalendarToken(id);
      tokens.retry();
    },
    [api, tokens.retry],
  );

  return (
    <InfoCard
      title="Calendar subscription"
      action={<HelpIcon topic="my-oncall" />}
    >
      <Typography variant="body2" paragraph>
        Subscribe to your shifts (90 days ahead) in your calendar app. Anyone
        with the URL can read the feed: revoke it if it leaks.
      </Typography>
      {(created.error || revoked.error) && (
        <Alert
          severity="error"
          action={
            <ReportProblemButton
              error={created.error ?? revoked.error}
              variant="text"
            />
          }
        >
          {errorMessage(created.error ?? revoked.error)}
        </Alert>
      )}
      {created.value && (
        <Alert severity="info">
          Copy this URL now; it is not shown again.
          <Box display="flex" alignItems="center">
            <TextField
              id="oncall-calendar-url"
              value={created.value.url}
              InputProps={{ readOnly: true }}
              inputProps={{ 'aria-label': 'Calendar URL' }}
              fullWidth
            />
            <CopyTextButton
              text={created.value.url}
              aria-label="Copy calendar URL"
            />
          </Box>
        </Alert>
      )}
      <Button
        variant="outlined"
        onClick={() => create()}
        disabled={created.loading}
      >
        Create calendar URL
      </Button>
      {tokens.loading && !tokens.value && <Progress />}
      {tokens.error && <ReportableErrorPanel error={tokens.error} />}
      {tokens.value && tokens.value.items.length === 0 && (
        <Typography variant="body2">No calendar URL yet.</Typography>
      )}
      {tokens.value && tokens.value.items.length > 0 && (
        <List dense aria-label="Calendar URLs">
          {tokens.value.items.map(token => (
            <ListItem key={token.id} disableGutters>
              <ListItemText
                primary={
                  token.kind === 'user'
                    ? 'My shifts'
                    : `Schedule ${token.subject}`
                }
                secondary={`Created ${formatInstant(token.createdAt)}`}
              />
              <ListItemSecondaryAction>
                <Button
                  size="small"
                  onClick={() => revoke(token.id)}
                  aria-label={`Revoke calendar URL created ${formatInstant(
                    token.createdAt,
                  )}`}
                >
                  Revoke
                </Button>
              </ListItemSecondaryAction>
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
