import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { MenuItem, TextField } from '@material-ui/core';

/** Picks several people (user refs) from a fixed list, e.g. a group's members. */
export function PeopleSelect(props: {
  id: string;
  label: string;
  people: string[];
  value: string[];
  onChange: (refs: string[]) => void;
  disabled?: boolean;
  error?: string;
}) {
  // Keep refs chosen earlier that are no longer members selectable (and visible).
  const options = [...new Set([...props.people, ...props.value])];
  return (
    <TextField
      id={props.id}
      select
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value as unknown as string[])}
      SelectProps={{
        multiple: true,
        renderValue: selected =>
          (selected as string[]).map((ref, i) => (
            <span key={ref}>
              {i > 0 && ', '}
              <EntityDisplayName entityRef={ref} hideIcon disableTooltip />
            </span>
          )),
      }}
      fullWidth
      margin="dense"
      disabled={props.disabled}
      error={Boolean(props.error)}
      helperText={props.error}
    >
      {options.map(ref => (
        <MenuItem key={ref} value={ref}>
          <EntityDisplayName entityRef={ref} hideIcon disableTooltip />
        </MenuItem>
      ))}
    </TextField>
  );
}
