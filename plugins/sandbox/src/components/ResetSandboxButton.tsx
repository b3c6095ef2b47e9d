import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { ResetSummary } from './ResetSummary';
import { useResetSandbox } from './useResetSandbox';

/** "Reset sandbox", after a confirmation; then what the reset did. */
export function ResetSandboxButton(props: { onReset: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const { resetting, result, error, reset } = useResetSandbox(props.onReset);
  return (
    <Box>
      <Button
        variant="outlined"
        color="secondary"
        data-testid="sandbox-reset"
        disabled={resetting}
        onClick={() => setConfirming(true)}
      >
        {resetting ? 'Resetting…' : 'Reset sandbox'}
      </Button>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        aria-labelledby="sandbox-reset-title"
      >
        <DialogTitle id="sandbox-reset-title">Reset the sandbox?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Every injected fault is cleared, and every sandbox incident,
            postmortem, action item and the sandbox&apos;s SLO history are
            deleted. Nothing outside the sandbox is touched.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
          <Button
            color="secondary"
            variant="contained"
            data-testid="sandbox-reset-confirm"
            onClick={() => {
              setConfirming(false);
              reset();
            }}
          >
            Reset sandbox
          </Button>
        </DialogActions>
      </Dialog>
      {result && (
        <Box mt={2}>
          <ResetSummary result={result} />
        </Box>
      )}
      {error && (
        <Typography color="error" role="alert">
          The reset failed: {error.message}
        </Typography>
      )}
    </Box>
  );
}
