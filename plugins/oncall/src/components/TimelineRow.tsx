import { Box, makeStyles, Typography } from '@material-ui/core';
import type { HTMLAttributes, ReactNode } from 'react';
import { placeInWindow, type TimelineWindow } from '../lib/timelineWindow';

/** One coloured stretch of a row. */
export interface TimelineBar {
  key: string;
  start: number;
  end: number;
  label: ReactNode;
  /** Tooltip: who and when, as text. */
  title: string;
  color: string;
  /** Drawn as a warning (a gap). */
  gap?: boolean;
}

export const ROW_HEIGHT = 28;
const LABEL_WIDTH = 140;

const useStyles = makeStyles(theme => ({
  row: { display: 'flex', alignItems: 'center', marginBottom: 4 },
  label: { width: LABEL_WIDTH, flexShrink: 0, paddingRight: theme.spacing(1) },
  track: {
    position: 'relative',
    flex: 1,
    height: ROW_HEIGHT,
    backgroundColor: theme.palette.action.hover,
    borderRadius: 2,
    userSelect: 'none',
  },
  bar: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    fontSize: theme.typography.caption.fontSize,
    lineHeight: `${ROW_HEIGHT}px`,
    padding: '0 4px',
    borderRight: `1px solid ${theme.palette.background.paper}`,
    color: theme.palette.common.black,
    pointerEvents: 'none',
  },
  gap: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
    backgroundImage:
      'repeating-linear-gradient(45deg, transparent 0 6px, rgba(255,255,255,0.25) 6px 12px)',
  },
}));

/**
 * A labelled row of bars placed in the window. `trackProps` let the final
 * row take pointer events for selecting a range; `children` draw on top of
 * the bars (the selection).
 */
export function TimelineRow(props: {
  label: string;
  testId: string;
  window: TimelineWindow;
  bars: TimelineBar[];
  trackProps?: HTMLAttributes<HTMLDivElement>;
  children?: ReactNode;
}) {
  const classes = useStyles();
  return (
    <div className={classes.row}>
      <Typography variant="body2" className={classes.label} noWrap>
        {props.label}
      </Typography>
      <Box
        className={classes.track}
        aria-label={props.label}
        data-testid={props.testId}
        role="group"
        {...props.trackProps}
      >
        {props.bars.map(bar => {
          const place = placeInWindow(bar.start, bar.end, props.window);
          if (!place) return null;
          return (
            <div
              key={bar.key}
              className={`${classes.bar} ${bar.gap ? classes.gap : ''}`}
              style={{
                left: `${place.left}%`,
                width: `${place.width}%`,
                ...(bar.gap ? {} : { backgroundColor: bar.color }),
              }}
              title={bar.title}
              data-testid={bar.gap ? 'oncall-gap' : 'oncall-bar'}
            >
              {bar.label}
            </div>
          );
        })}
        {props.children}
      </Box>
    </div>
  );
}

const COLORS = [
  '#90caf9',
  '#a5d6a7',
  '#ffcc80',
  '#ce93d8',
  '#80cbc4',
  '#f48fb1',
  '#e6ee9c',
  '#b0bec5',
];

/** A stable colour per person, so their shifts match across rows. */
export function colorOf(userRef: string): string {
  let hash = 0;
  for (const char of userRef) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return COLORS[Math.abs(hash) % COLORS.length];
}
