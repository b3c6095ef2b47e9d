import { useApi } from '@backstage/core-plugin-api';
import { HelpIcon, ReportProblemButton } from '@vigil/frontend-kit';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { isValidTimeZone } from '@vigil/backstage-plugin-oncall-common';
import { DateTime } from 'luxon';
import { FormEvent, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { onCallApiRef, type Schedule } from '../api';
import { errorMessage, isConflict } from '../lib/errors';
import { draftOf, layersOf, newLayer } from '../lib/scheduleDraft';
import { LOCAL_INPUT_FORMAT } from '../lib/time';
import { LayerFields } from './LayerFields';

/**
 * Creates a schedule for a group or edits one: name, zone and layers. An
 * edit names the version it changes; a stale one is a 409 to reload.
 */
export function ScheduleEditor(props: {
  ownerRef: string;
  schedule?: Schedule;
  people: string[];
  onClose: () => void;
  onSaved: (schedule: Schedule) => void;
}) {
  const { schedule } = props;
  const api = useApi(onCallApiRef);
  const [draft, setDraft] = useState(() => draftOf(schedule));
  const zoneError =
    draft.timeZone && !isValidTimeZone(draft.timeZone)
      ? 'Not an IANA time zone such as Europe/Berlin'
      : undefined;
  const layers = layersOf(draft);
  const valid = Boolean(
    draft.name.trim() && draft.timeZone && !zoneError && layers,
  );

  const [state, save] = useAsyncFn(async () => {
    const body = {
      name: draft.name.trim(),
      ...(draft.description.trim()
        ? { description: draft.description.trim() }
        : {}),
      timeZone: draft.timeZone,
      layers: layers!,
    };
    const saved = schedule
      ? await api.updateSchedule(schedule.id, {
          ...body,
          version: schedule.version,
        })
      : await api.createSchedule({ ...body, ownerRef: props.ownerRef });
    props.onSaved(saved);
  }, [api, draft, layers, schedule, props]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) save();
  };
  const nextMonday = DateTime.now()
    .setZone(isValidTimeZone(draft.timeZone) ? draft.timeZone : 'UTC')
    .startOf('week')
    .plus({ weeks: 1, hours: 9 })
    .toFormat(LOCAL_INPUT_FORMAT);

  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="md">
      <form onSubmit={submit} aria-label="Schedule">
        <DialogTitle>
          {schedule ? `Edit ${schedule.name}` : 'New schedule'}{' '}
          <HelpIcon topic="oncall-schedule" />
        </DialogTitle>
        <DialogContent>
          {state.error && (
            <Alert
              severity="error"
              action={
                // A 409 is someone else's edit, not a problem to report.
                isConflict(state.error) ? undefined : (
                  <ReportProblemButton
                    error={state.error}
                    entityRef={props.ownerRef}
                    variant="text"
                  />
                )
              }
            >
              {isConflict(state.error)
                ? 'Someone else changed this schedule; reload to see their change.'
                : errorMessage(state.error)}
            </Alert>
          )}
          <TextField
            id="oncall-schedule-name"
            label="Name"
            value={draft.name}
            onChange={e => setDraft({ ...draft, name: e.target.value })}
            required
            margin="dense"
          />{' '}
          <TextField
            id="oncall-schedule-zone"
            label="Time zone"
            value={draft.timeZone}
            onChange={e =>
              setDraft({ ...draft, timeZone: e.target.value.trim() })
            }
            required
            margin="dense"
            error={Boolean(zoneError)}
            helperText={
              zoneError ?? 'Handoffs follow its wall clock across DST'
            }
          />
          <TextField
            id="oncall-schedule-description"
            label="Description"
            value={draft.description}
            onChange={e => setDraft({ ...draft, description: e.target.value })}
            fullWidth
            margin="dense"
          />
          {draft.layers.map((layer, index) => (
            <LayerFields
              key={index}
              index={index}
              layer={layer}
              people={props.people}
              timeZone={draft.timeZone}
              onChange={changed =>
                setDraft({
                  ...draft,
                  layers: draft.layers.map((l, i) =>
                    i === index ? changed : l,
                  ),
                })
              }
              onRemove={() =>
                setDraft({
                  ...draft,
                  layers: draft.layers.filter((_l, i) => i !== index),
                })
              }
            />
          ))}
          <Button
            size="small"
            onClick={() =>
              setDraft({
                ...draft,
                layers: [
                  ...draft.layers,
                  newLayer(draft.layers.length, nextMonday),
                ],
              })
            }
          >
            Add layer
          </Button>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!valid || state.loading}
          >
            Save schedule
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
