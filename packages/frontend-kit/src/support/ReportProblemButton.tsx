import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Link from '@material-ui/core/Link';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import FeedbackIcon from '@material-ui/icons/Feedback';
import { useMemo, useState } from 'react';
import { errorDetails } from './errorDetails';
import { useReportProblem } from './useReportProblem';

/** @public */
export interface ReportProblemButtonProps {
  /** The error to report (its message, request id and status go along). */
  error?: unknown;
  /** The entity the page is about, when the caller knows it. */
  entityRef?: string;
  /** `text` for a banner's compact look. */
  variant?: 'outlined' | 'text';
}

/**
 * "Report this problem": a dialog with the error's context shown to the
 * user and their own words, which files a support ticket and then names
 * it with a link to follow it. Hidden when no support plugin is installed.
 * @public
 */
export function ReportProblemButton(props: ReportProblemButtonProps) {
  const { error, entityRef, variant = 'outlined' } = props;
  const { available, sending, reported, failure, report, reset } =
    useReportProblem();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  // When the user saw the error, not when they pressed "Send".
  const [time] = useState(() => new Date());
  const details = useMemo(() => errorDetails(error), [error]);
  if (!available) return null;

  const close = () => {
    setOpen(false);
    reset();
  };
  const send = () =>
    report({
      text: text.trim() || `I ran into this error: ${details.message}`,
      ...(error !== undefined && details),
      entityRef,
      time,
    });

  return (
    <>
      <Button
        data-testid="report-problem"
        size="small"
        variant={variant}
        color="inherit"
        startIcon={<FeedbackIcon />}
        onClick={() => setOpen(true)}
      >
        Report this problem
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm">
        <DialogTitle>Report this problem</DialogTitle>
        <DialogContent>
          {reported ? (
            <Typography data-testid="report-problem-done">
              Ticket <code>{reported.ticketId}</code> is filed; the portal
              admins are notified.{' '}
              <Link
                href={reported.link}
                data-testid="report-problem-ticket-link"
              >
                Follow your ticket
              </Link>
            </Typography>
          ) : (
            <>
              <TextField
                label="What were you doing? (optional)"
                multiline
                minRows={3}
                fullWidth
                variant="outlined"
                value={text}
                inputProps={{
                  maxLength: 4000,
                  'data-testid': 'report-problem-text',
                }}
                onChange={event => setText(event.target.value)}
              />
              <Typography variant="subtitle2" style={{ marginTop: 16 }}>
                Sent along, so you need not retype it
              </Typography>
              <Typography variant="body2" component="div">
                <ul data-testid="report-problem-context">
                  {error !== undefined && <li>Error: {details.message}</li>}
                  {details.statusCode && <li>Status: {details.statusCode}</li>}
                  {details.requestId && (
                    <li>Request id: {details.requestId}</li>
                  )}
                  {entityRef && <li>Entity: {entityRef}</li>}
                  <li>Page: {window.location.pathname}</li>
                  <li>Time: {time.toISOString()}</li>
                  <li>Your session id for the portal's error tracking</li>
                </ul>
              </Typography>
              {failure && (
                <Typography color="error" role="alert">
                  {failure}
                </Typography>
              )}
            </>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{reported ? 'Close' : 'Cancel'}</Button>
          {!reported && (
            <Button
              color="primary"
              variant="contained"
              disabled={sending}
              onClick={send}
              data-testid="report-problem-submit"
            >
              Send
            </Button>
          )}
        </DialogActions>
      </Dialog>
    </>
  );
}
