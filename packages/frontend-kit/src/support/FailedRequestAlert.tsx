import { IconButton } from '@material-ui/core';
import CloseIcon from '@material-ui/icons/Close';
import { Alert } from '@material-ui/lab';
import { ReportProblemButton } from './ReportProblemButton';
import type { ReactNode } from 'react';

/** @public */
export interface FailedRequestAlertProps {
  children: ReactNode;
  /** The failed request's error: what the report carries. */
  error?: unknown;
  /** The entity the page is about, when the caller knows it. */
  entityRef?: string;
  onClose?: () => void;
  /** The banner's test id. */
  'data-testid'?: string;
}

/**
 * An error banner with "Report this problem" when `error` is a failed
 * request's (none for a complaint about the user's own input). MUI drops
 * an Alert's close button once it has an `action`, so with a report button
 * the banner brings its own.
 * @public
 */
export function FailedRequestAlert(props: FailedRequestAlertProps) {
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
    <Alert
      severity="error"
      onClose={onClose}
      action={action}
      data-testid={props['data-testid']}
    >
      {props.children}
    </Alert>
  );
}
