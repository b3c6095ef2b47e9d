import {
  Chip,
  FormControlLabel,
  Grid,
  MenuItem,
  Switch,
  TextField,
} from '@material-ui/core';
import {
  LOG_LEVELS,
  LOG_RANGE_PRESETS,
  type LogLevel,
} from '@vigil/backstage-plugin-logs-common';
import { useEffect, useState } from 'react';
import type { TabFilters } from '../lib/filters';

/** The search controls: words, minimum level, time range, request id, live. */
export function LogFilters(props: {
  filters: TabFilters;
  onChange(filters: TabFilters): void;
  live: boolean;
  onLiveChange(live: boolean): void;
}) {
  const { filters, onChange, live, onLiveChange } = props;
  // Words are searched when typing pauses (Enter searches at once).
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  useEffect(() => {
    if (text === filters.q) return undefined;
    const timer = setTimeout(() => onChange({ ...filters, q: text }), 500);
    return () => clearTimeout(timer);
  }, [text, filters, onChange]);

  return (
    <Grid container spacing={2} alignItems="center">
      <Grid item xs={12} md={4}>
        <TextField
          fullWidth
          label="Search messages"
          placeholder='words, "a phrase", -exclude'
          value={text}
          inputProps={{ 'data-testid': 'logs-search', maxLength: 200 }}
          onChange={e => setText(e.target.value)}
          onKeyDown={e => {
            if (e.key === 'Enter') onChange({ ...filters, q: text });
          }}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <TextField
          select
          fullWidth
          label="Level"
          value={filters.level ?? 'all'}
          SelectProps={{
            SelectDisplayProps: { 'data-testid': 'logs-level' } as any,
          }}
          onChange={e =>
            onChange({
              ...filters,
              level:
                e.target.value === 'all'
                  ? undefined
                  : (e.target.value as LogLevel),
            })
          }
        >
          <MenuItem value="all">All levels</MenuItem>
          {LOG_LEVELS.map(level => (
            <MenuItem key={level} value={level}>
              {level} and above
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={6} md={3}>
        <TextField
          select
          fullWidth
          label="Time range"
          value={filters.range}
          disabled={live}
          SelectProps={{
            SelectDisplayProps: { 'data-testid': 'logs-range' } as any,
          }}
          onChange={e =>
            onChange({
              ...filters,
              range: e.target.value,
              from: undefined,
              to: undefined,
            })
          }
        >
          {LOG_RANGE_PRESETS.map(preset => (
            <MenuItem key={preset.id} value={preset.id}>
              {preset.label}
            </MenuItem>
          ))}
          {filters.range === 'custom' && (
            <MenuItem value="custom">
              {filters.from} to {filters.to ?? 'now'}
            </MenuItem>
          )}
        </TextField>
      </Grid>
      <Grid item xs={12} md={3}>
        <FormControlLabel
          control={
            <Switch
              checked={live}
              onChange={e => onLiveChange(e.target.checked)}
              inputProps={{ 'aria-label': 'Live tail' }}
              color="primary"
            />
          }
          label="Live tail"
        />
      </Grid>
      {filters.requestId && (
        <Grid item xs={12}>
          <Chip
            label={`Request ${filters.requestId}`}
            data-testid="logs-request-filter"
            onDelete={() => onChange({ ...filters, requestId: undefined })}
          />
        </Grid>
      )}
    </Grid>
  );
}
