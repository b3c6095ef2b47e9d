import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { ReportProblemButton } from '@vigil/frontend-kit';
import { FormEvent, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { onCallApiRef } from '../api';
import { errorMessage } from '../lib/errors';
import { useOnCallLinks } from '../lib/links';

/**
 * Pages whoever is on call for an entity (its escalation policy) by hand,
 * then shows what happened: paged, no policy, or nobody on call.
 */
export function PageDialog(props: {
  open: boolean;
  entityRef: string;
  onClose: () => void;
}) {
  const api = useApi(onCallApiRef);
  const links = useOnCallLinks();
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState('');
  const [state, send] = useAsyncFn(
    () =>
      api.createPage({
        entityRef: props.entityRef,
        title: title.trim(),
        ...(message.trim() ? { description: message.trim() } : {}),
      }),
    [api, props.entityRef, title, message],
  );
  const outcome = state.value;
  const close = () => {
    setTitle('');
    setMessage('');
    props.onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim()) send();
  };

  return (
    <Dialog open={props.open} onClose={close} fullWidth maxWidth="sm">
      <form onSubmit={submit}>
        <DialogTitle>Page the on-call person</DialogTitle>
        <DialogContent>
          {outcome ? (
            <Alert
              severity={outcome.outcome === 'paged' ? 'success' : 'warning'}
            >
              {outcome.message}{' '}
              {outcome.page && (
                <Link to={links.page(outcome.page.id)}>View the page</Link>
              )}
            </Alert>
          ) : (
            <>
              {state.error && (
                <Alert
                  severity="error"
                  action={
                    <ReportProblemButton
                      error={state.error}
                      entityRef={props.entityRef}
                      variant="text"
                    />
                  }
                >
                  {errorMessage(state.error)}
                </Alert>
              )}
              <TextField
                id="oncall-page-title"
                label="Title"
                value={title}
                onChange={e => setTitle(e.target.value)}
                required
                fullWidth
                margin="normal"
                inputProps={{ maxLength: 300 }}
              />
              <TextField
                id="oncall-page-message"
                label="Message"
                value={message}
                onChange={e => setMessage(e.target.value)}
                fullWidth
                multiline
                minRows={3}
                margin="normal"
                inputProps={{ maxLength: 2000 }}
              />
            </>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{outcome ? 'Close' : 'Cancel'}</Button>
          {!outcome && (
            <Button
              type="submit"
              color="secondary"
              variant="contained"
              disabled={!title.trim() || state.loading}
            >
              Send page
            </Button>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
