import {
  Box,
  Button,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import {
  ROTATION_UNITS,
  type RotationUnit,
} from '@vigil/backstage-plugin-oncall-common';
import { parseRestrictions } from '../lib/restrictions';
import type { LayerDraft } from '../lib/scheduleDraft';
import { PeopleSelect } from './PeopleSelect';

/** Name, rotation, start, participants and restrictions of one layer. */
export function LayerFields(props: {
  index: number;
  layer: LayerDraft;
  people: string[];
  timeZone: string;
  onChange: (layer: LayerDraft) => void;
  onRemove: () => void;
}) {
  const { index, layer, onChange } = props;
  const id = (field: string) => `oncall-layer-${index}-${field}`;
  const restrictionError = (() => {
    const parsed = parseRestrictions(layer.restrictions);
    return 'error' in parsed ? parsed.error : undefined;
  })();
  return (
    <Box
      border={1}
      borderColor="divider"
      borderRadius={4}
      p={1}
      mb={1}
      role="group"
      aria-label={`Layer ${index + 1}`}
    >
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle2">Layer {index + 1}</Typography>
        <Button size="small" onClick={props.onRemove}>
          Remove layer {index + 1}
        </Button>
      </Box>
      <TextField
        id={id('name')}
        label="Layer name"
        value={layer.name}
        onChange={e => onChange({ ...layer, name: e.target.value })}
        margin="dense"
        required
      />{' '}
      <TextField
        id={id('length')}
        label="Shift length"
        type="number"
        value={layer.length}
        onChange={e => onChange({ ...layer, length: Number(e.target.value) })}
        inputProps={{ min: 1, max: 1000 }}
        margin="dense"
        style={{ width: 110 }}
      />{' '}
      <TextField
        id={id('unit')}
        select
        label="Unit"
        value={layer.unit}
        onChange={e =>
          onChange({ ...layer, unit: e.target.value as RotationUnit })
        }
        margin="dense"
        style={{ width: 110 }}
      >
        {ROTATION_UNITS.map(unit => (
          <MenuItem key={unit} value={unit}>
            {unit}s
          </MenuItem>
        ))}
      </TextField>{' '}
      <TextField
        id={id('start')}
        label={`First handoff (${props.timeZone})`}
        type="datetime-local"
        value={layer.start}
        onChange={e => onChange({ ...layer, start: e.target.value })}
        InputLabelProps={{ shrink: true }}
        margin="dense"
        required
      />
      <PeopleSelect
        id={id('participants')}
        label="Participants, in rotation order"
        people={props.people}
        value={layer.participants}
        onChange={participants => onChange({ ...layer, participants })}
        error={
          layer.participants.length === 0
            ? 'A layer needs at least one participant'
            : undefined
        }
      />
      <TextField
        id={id('restrictions')}
        label="Only during (optional)"
        placeholder="1-5 09:00-17:00"
        value={layer.restrictions}
        onChange={e => onChange({ ...layer, restrictions: e.target.value })}
        fullWidth
        margin="dense"
        error={Boolean(restrictionError)}
        helperText={
          restrictionError ??
          'Weekdays (Monday = 1) and times, e.g. "1-5 09:00-17:00"; several separated by ";". Empty: always.'
        }
      />
    </Box>
  );
}
