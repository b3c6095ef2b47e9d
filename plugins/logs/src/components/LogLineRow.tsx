import {
  Box,
  Chip,
  Collapse,
  IconButton,
  makeStyles,
  Typography,
} from '@material-ui/core';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type { LogLine } from '@vigil/backstage-plugin-logs-common';
import { DateTime } from 'luxon';
import { useState } from 'react';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 1),
    borderBottom: `1px solid ${theme.palette.divider}`,
    fontFamily: 'monospace',
    fontSize: '0.85rem',
  },
  time: { whiteSpace: 'nowrap', color: theme.palette.text.secondary },
  level: { width: 52, fontWeight: 600, textTransform: 'uppercase' },
  warn: { color: theme.palette.warning.main },
  error: { color: theme.palette.error.main },
  message: { flex: 1, wordBreak: 'break-word' },
  json: {
    margin: 0,
    padding: theme.spacing(1, 2),
    background: theme.palette.background.default,
    fontSize: '0.8rem',
    overflowX: 'auto',
  },
}));

/** A line: time, level, message and request id; expands to the whole JSON. */
export function LogLineRow(props: {
  line: LogLine;
  onRequestId(requestId: string): void;
}) {
  const { line, onRequestId } = props;
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  let severity = '';
  if (line.level === 'warn') severity = classes.warn;
  if (line.level === 'error' || line.level === 'fatal') {
    severity = classes.error;
  }
  return (
    <div data-testid="log-line">
      <div className={classes.row}>
        <IconButton
          size="small"
          aria-label={open ? 'Hide the JSON line' : 'Show the JSON line'}
          onClick={() => setOpen(!open)}
        >
          {open ? (
            <ExpandLessIcon fontSize="small" />
          ) : (
            <ExpandMoreIcon fontSize="small" />
          )}
        </IconButton>
        <Typography component="span" className={classes.time} title={line.ts}>
          {DateTime.fromISO(line.ts).toFormat('yyyy-LL-dd HH:mm:ss.SSS')}
        </Typography>
        <Typography component="span" className={`${classes.level} ${severity}`}>
          {line.level}
        </Typography>
        <Typography component="span" className={classes.message}>
          {line.message}
        </Typography>
        {line.requestId && (
          <Chip
            size="small"
            variant="outlined"
            label={line.requestId}
            title="Show only this request's lines"
            data-testid="log-line-request-id"
            onClick={() => onRequestId(line.requestId!)}
          />
        )}
      </div>
      <Collapse in={open} unmountOnExit>
        <Box
          component="pre"
          className={classes.json}
          data-testid="log-line-json"
        >
          {JSON.stringify(
            {
              ...line.fields,
              ts: line.ts,
              service: line.service,
              host: line.host,
              level: line.level,
            },
            null,
            2,
          )}
        </Box>
      </Collapse>
    </div>
  );
}
