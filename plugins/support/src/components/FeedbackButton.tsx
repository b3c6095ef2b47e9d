import { SidebarItem } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import ChatBubbleOutlineIcon from '@material-ui/icons/ChatBubbleOutline';
import Alert from '@material-ui/lab/Alert';
import Rating from '@material-ui/lab/Rating';
import { useState } from 'react';
import { useSubmitFeedback } from './useSubmitFeedback';

/**
 * "Feedback", in the sidebar of every page: a rating, the user's words, and
 * the context (route, entity, app version) shown before it is sent. No
 * screenshot. In the sidebar rather than floating over the page, where it
 * would cover the page's own buttons.
 * @public
 */
export function FeedbackButton() {
  const { sending, sent, failure, context, submit, reset } =
    useSubmitFeedback();
  const [open, setOpen] = useState(false);
  const [rating, setRating] = useState<number | null>(null);
  const [text, setText] = useState('');
  const shown = open ? context() : undefined;

  const close = () => {
    setOpen(false);
    if (sent) {
      setRating(null);
      setText('');
    }
    reset();
  };

  return (
    <>
      <div data-testid="feedback-button">
        <SidebarItem
          icon={ChatBubbleOutlineIcon}
          text="Feedback"
          onClick={() => setOpen(true)}
        />
      </div>
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm">
        <DialogTitle>Feedback on Vigil</DialogTitle>
        <DialogContent>
          {sent ? (
            <Alert severity="success" data-testid="feedback-done">
              Thank you: the portal admins read every piece of feedback.
            </Alert>
          ) : (
            <>
              <Typography component="legend">How is it going?</Typography>
              <Rating
                name="feedback-rating"
                value={rating}
                onChange={(_event, value) => setRating(value)}
                data-testid="feedback-rating"
              />
              <TextField
                label="What works, what does not, what is missing?"
                multiline
                minRows={3}
                fullWidth
                required
                variant="outlined"
                margin="normal"
                value={text}
                inputProps={{ maxLength: 4000, 'data-testid': 'feedback-text' }}
                onChange={event => setText(event.target.value)}
              />
              <Typography variant="subtitle2">Sent along</Typography>
              <Typography variant="body2" component="div">
                <ul data-testid="feedback-context">
                  <li>Page: {shown?.route ?? 'unknown'}</li>
                  {shown?.entityRef && <li>Entity: {shown.entityRef}</li>}
                  {shown?.appVersion && (
                    <li>App version: {shown.appVersion}</li>
                  )}
                </ul>
              </Typography>
              {failure && <Alert severity="error">{failure}</Alert>}
            </>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{sent ? 'Close' : 'Cancel'}</Button>
          {!sent && (
            <Button
              color="primary"
              variant="contained"
              data-testid="feedback-submit"
              disabled={sending || !rating || !text.trim()}
              onClick={() => rating && submit(rating, text)}
            >
              Send
            </Button>
          )}
        </DialogActions>
      </Dialog>
    </>
  );
}
