import { IconButton } from '@material-ui/core';
import CloseIcon from '@material-ui/icons/Close';
import { Alert } from '@material-ui/lab';
import { ReportProblemButton } from '@vigil/frontend-kit';
import type { ReactNode } from 'react';

/**
 * An error banner with "Report this problem" when `error` is a failed
 * request's (none for a complaint about the user's own input). MUI drops
 * an Alert's close button once it has an `action`, so with a report button
 * the banner brings its own.
 */
export function FailedRequestAlert(props: {
  children: ReactNode;
  /** The failed request's error: what the report carries. */
  error?: unknown;
  entityRef?: string;
  onClose?: () => void;
}) {
  const { error, entityRef, onClose } = props;
  const action =
    error === undefined ? undefined : (
      <>
        <ReportProblemButton
          error={error}
          entityRef={entityRef}
          variant="text"
        />
        {onClose && (
          <IconButton
            size="small"
            aria-label="Close"
            title="Close"
            color="inherit"
            onClick={onClose}
          >
            <CloseIcon fontSize="small" />
          </IconButton>
        )}
      </>
    );
  return (
    <Alert severity="error" onClose={onClose} action={action}>
      {props.children}
    </Alert>
  );
}
