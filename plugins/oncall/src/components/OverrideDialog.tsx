import { useApi } from '@backstage/core-plugin-api';
import { HelpIcon, ReportProblemButton } from '@vigil/frontend-kit';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { FormEvent, useEffect, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { onCallApiRef, type OverrideAction } from '../api';
import { errorMessage } from '../lib/errors';
import { fromLocalInput, toLocalInput } from '../lib/time';
import type { TimelineWindow } from '../lib/timelineWindow';

const ACTIONS: { value: OverrideAction; label: string }[] = [
  { value: 'replace', label: 'Replace who is on call' },
  { value: 'add', label: 'Add beside who is on call' },
  { value: 'remove', label: 'Take off call' },
];

/**
 * Adds an override for a range, prefilled from the timeline selection. The
 * times are the schedule zone's wall clock, as the schedule is defined.
 */
export function OverrideDialog(props: {
  scheduleId: string;
  timeZone: string;
  range: TimelineWindow | undefined;
  /** Who can be picked: the owning group's members and the participants. */
  people: string[];
  onClose: () => void;
  onCreated: () => void;
}) {
  const { range, timeZone } = props;
  const api = useApi(onCallApiRef);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [action, setAction] = useState<OverrideAction>('replace');
  const [userRef, setUserRef] = useState('');
  const [replacesRef, setReplacesRef] = useState('');
  const [note, setNote] = useState('');
  useEffect(() => {
    if (!range) return;
    setStart(toLocalInput(range.from, timeZone));
    setEnd(toLocalInput(range.to, timeZone));
  }, [range, timeZone]);

  const startIso = fromLocalInput(start, timeZone);
  const endIso = fromLocalInput(end, timeZone);
  const rangeError =
    startIso && endIso && Date.parse(endIso) <= Date.parse(startIso)
      ? 'The end must be after the start'
      : undefined;

  const [state, save] = useAsyncFn(async () => {
    await api.createOverride(props.scheduleId, {
      start: startIso!,
      end: endIso!,
      action,
      userRef,
      ...(action === 'replace' && replacesRef ? { replacesRef } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    props.onCreated();
  }, [api, props, startIso, endIso, action, userRef, replacesRef, note]);

  const valid = Boolean(startIso && endIso && !rangeError && userRef);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) save();
  };
  const personItems = props.people.map(ref => (
    <MenuItem key={ref} value={ref}>
      <EntityDisplayName entityRef={ref} hideIcon disableTooltip />
    </MenuItem>
  ));

  return (
    <Dialog
      open={Boolean(range)}
      onClose={props.onClose}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} aria-label="Override">
        <DialogTitle>
          Override the schedule <HelpIcon topic="oncall-override" />
        </DialogTitle>
        <DialogContent>
          {state.error && (
            <Alert
              severity="error"
              action={
                <ReportProblemButton error={state.error} variant="text" />
              }
            >
              {errorMessage(state.error)}
            </Alert>
          )}
          <TextField
            id="oncall-override-start"
            label={`Start (${timeZone})`}
            type="datetime-local"
            value={start}
            onChange={e => setStart(e.target.value)}
            InputLabelProps={{ shrink: true }}
            margin="normal"
            required
          />{' '}
          <TextField
            id="oncall-override-end"
            label={`End (${timeZone})`}
            type="datetime-local"
            value={end}
            onChange={e => setEnd(e.target.value)}
            InputLabelProps={{ shrink: true }}
            margin="normal"
            required
            error={Boolean(rangeError)}
            helperText={rangeError}
          />
          <TextField
            id="oncall-override-action"
            select
            label="Action"
            value={action}
            onChange={e => setAction(e.target.value as OverrideAction)}
            fullWidth
            margin="normal"
          >
            {ACTIONS.map(a => (
              <MenuItem key={a.value} value={a.value}>
                {a.label}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            id="oncall-override-user"
            select
            label={action === 'remove' ? 'Person to take off call' : 'Person'}
            value={userRef}
            onChange={e => setUserRef(e.target.value)}
            fullWidth
            margin="normal"
            required
          >
            {personItems}
          </TextField>
          {action === 'replace' && (
            <TextField
              id="oncall-override-replaces"
              select
              label="Instead of"
              value={replacesRef}
              onChange={e => setReplacesRef(e.target.value)}
              fullWidth
              margin="normal"
            >
              <MenuItem value="">Everyone on call</MenuItem>
              {personItems}
            </TextField>
          )}
          <TextField
            id="oncall-override-note"
            label="Note"
            value={note}
            onChange={e => setNote(e.target.value)}
            fullWidth
            margin="normal"
            inputProps={{ maxLength: 500 }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!valid || state.loading}
          >
            Add override
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
