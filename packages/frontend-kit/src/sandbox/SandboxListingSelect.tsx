import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  SANDBOX_LISTINGS,
  type SandboxListing,
} from '@vigil/backstage-plugin-sandbox-common';

const LABELS: Record<SandboxListing, string> = {
  exclude: 'Hidden',
  include: 'Shown',
  only: 'Only the sandbox',
};

/** @public */
export interface SandboxListingSelectProps {
  value: SandboxListing;
  onChange: (value: SandboxListing) => void;
  /** The element id (for a page's own label wiring and tests). */
  id?: string;
}

/**
 * The "Sandbox" filter of a portal-wide list: hide the sandbox's practice
 * data (the lists' default), show it with the real data, or only it.
 * @public
 */
export function SandboxListingSelect(props: SandboxListingSelectProps) {
  const { value, onChange, id } = props;
  return (
    <TextField
      select
      fullWidth
      variant="outlined"
      size="small"
      id={id}
      label="Sandbox"
      value={value}
      SelectProps={{ SelectDisplayProps: { 'aria-label': 'Sandbox' } }}
      onChange={e => onChange(e.target.value as SandboxListing)}
    >
      {SANDBOX_LISTINGS.map(listing => (
        <MenuItem key={listing} value={listing}>
          {LABELS[listing]}
        </MenuItem>
      ))}
    </TextField>
  );
}
