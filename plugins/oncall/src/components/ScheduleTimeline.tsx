import { Progress } from '@backstage/core-components';
import { HelpIcon, ReportableErrorPanel } from '@vigil/frontend-kit';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  IconButton,
  makeStyles,
  Typography,
} from '@material-ui/core';
import ChevronLeftIcon from '@material-ui/icons/ChevronLeft';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import type { Schedule, ScheduleTimeline as Timeline } from '../api';
import { formatInstant } from '../lib/time';
import { useOnCallSignal } from '../lib/useOnCallSignal';
import {
  dayStarts,
  placeInWindow,
  type TimelineWindow,
} from '../lib/timelineWindow';
import { OverrideDialog } from './OverrideDialog';
import { colorOf, TimelineBar, TimelineRow } from './TimelineRow';
import { useRangeSelection } from './useRangeSelection';
import { useScheduleTimeline } from './useScheduleTimeline';

const useStyles = makeStyles(theme => ({
  days: { position: 'relative', height: 20, marginLeft: 140 },
  day: {
    position: 'absolute',
    fontSize: theme.typography.caption.fontSize,
    color: theme.palette.text.secondary,
    borderLeft: `1px solid ${theme.palette.divider}`,
    paddingLeft: 2,
  },
  selection: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    border: `2px solid ${theme.palette.primary.main}`,
    backgroundColor: 'rgba(33, 150, 243, 0.2)',
    pointerEvents: 'none',
  },
}));

const ms = (iso: string) => Date.parse(iso);
const who = (refs: string[]) => refs.join(', ') || 'nobody';

function rowsOf(timeline: Timeline) {
  const layers = timeline.layers.map(layer => ({
    layer,
    bars: layer.shifts.map(
      (shift): TimelineBar => ({
        key: `${shift.index}-${shift.start}`,
        start: ms(shift.start),
        end: ms(shift.end),
        label: (
          <EntityDisplayName
            entityRef={shift.userRef}
            hideIcon
            disableTooltip
          />
        ),
        title: `${shift.userRef}: ${shift.start} – ${shift.end}`,
        color: colorOf(shift.userRef),
      }),
    ),
  }));
  const overrides = timeline.overrides.map(
    (o): TimelineBar => ({
      key: o.id,
      start: ms(o.start),
      end: ms(o.end),
      label: (
        <>
          {o.action}:{' '}
          <EntityDisplayName entityRef={o.userRef} hideIcon disableTooltip />
        </>
      ),
      title: `${o.action} ${o.userRef}${
        o.replacesRef ? ` instead of ${o.replacesRef}` : ''
      }: ${o.start} – ${o.end}${o.note ? ` (${o.note})` : ''}`,
      color: colorOf(o.userRef),
    }),
  );
  const final = timeline.final.map(
    (segment): TimelineBar => ({
      key: segment.start,
      start: ms(segment.start),
      end: ms(segment.end),
      gap: segment.gap,
      label: segment.gap
        ? 'Gap'
        : segment.userRefs.map((ref, i) => (
            <span key={ref}>
              {i > 0 && ', '}
              <EntityDisplayName entityRef={ref} hideIcon disableTooltip />
            </span>
          )),
      title: `${segment.gap ? 'Nobody on call' : who(segment.userRefs)}: ${
        segment.start
      } – ${segment.end}`,
      color: colorOf(segment.userRefs[0] ?? ''),
    }),
  );
  return { layers, overrides, final };
}

/**
 * A schedule over two weeks: one row per layer, a row of overrides and the
 * final result, gaps in the error colour. Owners select a range on the final
 * row (drag, or click the start and then the end) to add an override.
 */
export function ScheduleTimeline(props: {
  schedule: Schedule;
  canEdit: boolean;
  /** Who the override dialog offers. */
  people: string[];
}) {
  const { schedule, canEdit } = props;
  const classes = useStyles();
  const zone = schedule.timeZone;
  const { window, timeline, previous, next, today } = useScheduleTimeline(
    schedule.id,
    zone,
  );
  const [range, setRange] = useState<TimelineWindow | undefined>();
  useOnCallSignal(
    signal =>
      signal.type === 'schedule_changed' && signal.scheduleId === schedule.id,
    timeline.retry,
  );
  const selecting = useRangeSelection(window, setRange, canEdit);
  const value = timeline.value;
  const rows = value ? rowsOf(value) : undefined;
  const gapCount = value?.gaps.length ?? 0;
  const current = window.from <= Date.now() && Date.now() < window.to;
  const selection = selecting.selection
    ? placeInWindow(selecting.selection.from, selecting.selection.to, window)
    : undefined;

  return (
    <Box aria-label={`Timeline of ${schedule.name}`} role="region">
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <IconButton
          aria-label="Previous two weeks"
          onClick={previous}
          size="small"
        >
          <ChevronLeftIcon />
        </IconButton>
        <Button size="small" onClick={today}>
          Today
        </Button>
        <IconButton aria-label="Next two weeks" onClick={next} size="small">
          <ChevronRightIcon />
        </IconButton>
        <Typography variant="body2" data-testid="oncall-window">
          {formatInstant(window.from, zone)} – {formatInstant(window.to, zone)}{' '}
          ({zone})
        </Typography>
        {canEdit && (
          <Button
            size="small"
            variant="outlined"
            onClick={() =>
              setRange({ from: Date.now(), to: Date.now() + 3_600_000 })
            }
          >
            New override
          </Button>
        )}
      </Box>
      {canEdit && (
        <Typography variant="caption" color="textSecondary">
          {selecting.pending
            ? 'Click the end of the range on the final row.'
            : 'Drag on the final row (or click its start and end) to override a range.'}
          <HelpIcon topic="oncall-override" />
        </Typography>
      )}
      {gapCount > 0 && (
        <Alert severity="warning">
          This schedule has {gapCount} {gapCount === 1 ? 'gap' : 'gaps'} in{' '}
          {current ? 'the next' : 'these'} two weeks: nobody is paged then.
        </Alert>
      )}
      {timeline.loading && !value && <Progress />}
      {timeline.error && <ReportableErrorPanel error={timeline.error} />}
      {rows && (
        <Box mt={1}>
          <div className={classes.days}>
            {dayStarts(window, zone).map(day => (
              <span
                key={day.at}
                className={classes.day}
                style={{
                  left: `${
                    placeInWindow(day.at, window.to, window)?.left ?? 0
                  }%`,
                }}
              >
                {day.label}
              </span>
            ))}
          </div>
          {rows.layers.map(({ layer, bars }) => (
            <TimelineRow
              key={layer.layerId}
              label={`Layer ${layer.name}`}
              testId="oncall-layer-row"
              window={window}
              bars={bars}
            />
          ))}
          <TimelineRow
            label="Overrides"
            testId="oncall-overrides-row"
            window={window}
            bars={rows.overrides}
          />
          <TimelineRow
            label="Final schedule"
            testId="oncall-final-row"
            window={window}
            bars={rows.final}
            trackProps={selecting.trackProps}
          >
            {selection && (
              <div
                className={classes.selection}
                data-testid="oncall-selection"
                style={{
                  left: `${selection.left}%`,
                  width: `${selection.width}%`,
                }}
              />
            )}
          </TimelineRow>
        </Box>
      )}
      <OverrideDialog
        scheduleId={schedule.id}
        timeZone={zone}
        range={range}
        people={props.people}
        onClose={() => setRange(undefined)}
        onCreated={() => {
          setRange(undefined);
          timeline.retry();
        }}
      />
    </Box>
  );
}
