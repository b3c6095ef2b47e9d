import {
  HEALTH_RANGES,
  type HealthRange,
} from '@vigil/backstage-plugin-service-health-common';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';

/** The ranges of the Health tab, 15 minutes to 30 days. */
export function HealthRangePicker(props: {
  value: HealthRange;
  onChange: (range: HealthRange) => void;
}) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={props.value}
      aria-label="Time range"
      onChange={(_event, value: HealthRange | null) => {
        // Clicking the selected range again unselects it in MUI: keep it.
        if (value) props.onChange(value);
      }}
    >
      {HEALTH_RANGES.map(range => (
        <ToggleButton
          key={range}
          value={range}
          aria-label={`Last ${range}`}
          data-testid={`health-range-${range}`}
        >
          {range}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
