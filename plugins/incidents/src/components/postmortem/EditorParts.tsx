import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
} from '@vigil/backstage-plugin-incidents-common';
import {
  Box,
  Button,
  IconButton,
  makeStyles,
  MenuItem,
  Paper,
  TextField,
  Tooltip,
  Typography,
} from '@material-ui/core';
import { ToggleButton, ToggleButtonGroup } from '@material-ui/lab';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import { useEffect, useState } from 'react';
import {
  ACTION_ITEM_STATUS_LABELS,
  fromDateTimeLocal,
  toDateTimeLocal,
} from '../../lib/format';
import {
  EditorActionItem,
  newItemKey,
  PostmortemFields,
} from '../../lib/postmortemFields';
import { EntityRefPicker, OWNER_KINDS } from '../EntityRefPicker';
import { Markdown } from '../Markdown';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    padding: theme.spacing(1.5),
    marginBottom: theme.spacing(1),
  },
  markdownField: {
    marginTop: theme.spacing(1),
  },
  // Right-aligned above the field, tucked into its top margin.
  markdownToolbar: {
    display: 'flex',
    justifyContent: 'flex-end',
    marginBottom: theme.spacing(-1),
  },
  markdownToggle: {
    padding: theme.spacing(0.25, 1),
    textTransform: 'none',
  },
  preview: {
    marginTop: theme.spacing(2),
    marginBottom: theme.spacing(1),
    padding: theme.spacing(1, 1.75),
    minHeight: theme.spacing(10),
    border: `1px dashed ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
}));

/**
 * A long Markdown section: a text field to write in and a preview rendered
 * as the published postmortem shows it.
 */
export function MarkdownField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  helperText?: string;
  /** Guidance shown in the empty field (e.g. the template's prompt). */
  placeholder?: string;
  /** A problem with the value: the field is marked and says it. */
  error?: string;
  minRows?: number;
  margin?: 'none' | 'dense' | 'normal';
}) {
  const classes = useStyles();
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  return (
    <Box
      className={classes.markdownField}
      id={`${props.id}-section`}
      data-testid={`markdown-field-${props.id}`}
    >
      <Box className={classes.markdownToolbar}>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={mode}
          onChange={(_event, next) => {
            // Clicking the selected button would deselect it; keep a mode.
            if (next) setMode(next);
          }}
        >
          <ToggleButton value="write" className={classes.markdownToggle}>
            Write
          </ToggleButton>
          <ToggleButton value="preview" className={classes.markdownToggle}>
            Preview
          </ToggleButton>
        </ToggleButtonGroup>
      </Box>
      {mode === 'write' ? (
        <TextField
          fullWidth
          multiline
          minRows={props.minRows ?? 3}
          variant="outlined"
          margin={props.margin ?? 'normal'}
          id={props.id}
          label={props.label}
          value={props.value}
          placeholder={props.placeholder}
          // Keep the label up so that the placeholder shows when empty.
          InputLabelProps={props.placeholder ? { shrink: true } : undefined}
          error={Boolean(props.error)}
          helperText={props.error ?? props.helperText}
          onChange={e => props.onChange(e.target.value)}
        />
      ) : (
        <Box className={classes.preview}>
          <Typography
            variant="caption"
            color="textSecondary"
            component="div"
            gutterBottom
          >
            {props.label} · preview
          </Typography>
          <Markdown text={props.value} empty="Nothing to preview yet." />
          {props.error && (
            <Typography variant="caption" color="error" component="div">
              {props.error}
            </Typography>
          )}
        </Box>
      )}
    </Box>
  );
}

/** The postmortem's own timeline: editable `{at, text}` entries. */
export function TimelineEditor(props: {
  entries: PostmortemFields['timeline'];
  onChange: (entries: PostmortemFields['timeline']) => void;
  /** The problem with the field of this DOM id, to show on it. */
  problemFor?: (fieldId: string) => string | undefined;
}) {
  const classes = useStyles();
  const { entries, onChange } = props;
  const problemFor = props.problemFor ?? (() => undefined);
  const set = (index: number, entry: { at: string; text: string }) =>
    onChange(entries.map((e, i) => (i === index ? entry : e)));
  return (
    <Box>
      {entries.length === 0 && (
        <Typography variant="body2" color="textSecondary" paragraph>
          No entries.
        </Typography>
      )}
      {entries.map((entry, index) => (
        <Paper
          variant="outlined"
          key={index}
          className={classes.row}
          data-testid="postmortem-timeline-entry"
          data-field-group
        >
          <TextField
            size="small"
            variant="outlined"
            type="datetime-local"
            id={`postmortem-timeline-${index}-at`}
            label="Time"
            value={toDateTimeLocal(entry.at)}
            error={Boolean(problemFor(`postmortem-timeline-${index}-at`))}
            helperText={problemFor(`postmortem-timeline-${index}-at`)}
            InputLabelProps={{ shrink: true }}
            inputProps={{
              step: 1,
              'aria-label': `Timeline entry ${index + 1} time`,
            }}
            onChange={e => {
              const at = fromDateTimeLocal(e.target.value);
              if (at) set(index, { ...entry, at });
            }}
          />
          <TextField
            size="small"
            variant="outlined"
            multiline
            id={`postmortem-timeline-${index}-text`}
            label="What happened"
            value={entry.text}
            error={Boolean(problemFor(`postmortem-timeline-${index}-text`))}
            helperText={problemFor(`postmortem-timeline-${index}-text`)}
            style={{ flex: '1 1 300px' }}
            inputProps={{ 'aria-label': `Timeline entry ${index + 1} text` }}
            onChange={e => set(index, { ...entry, text: e.target.value })}
          />
          <Tooltip title="Remove entry">
            <IconButton
              aria-label={`Remove timeline entry ${index + 1}`}
              onClick={() => onChange(entries.filter((_, i) => i !== index))}
            >
              <DeleteIcon />
            </IconButton>
          </Tooltip>
        </Paper>
      ))}
      <Button
        startIcon={<AddIcon />}
        onClick={() =>
          onChange([...entries, { at: new Date().toISOString(), text: '' }])
        }
      >
        Add timeline entry
      </Button>
    </Box>
  );
}

/** Action items: title, owner, due date, priority P0–P3, status, link. */
export function ActionItemsEditor(props: {
  items: EditorActionItem[];
  defaultOwner?: string;
  onChange: (items: EditorActionItem[]) => void;
  /** The problem with the field of this DOM id, to show on it. */
  problemFor?: (fieldId: string) => string | undefined;
}) {
  const classes = useStyles();
  const { items, onChange } = props;
  const problemFor = props.problemFor ?? (() => undefined);
  // The title of an item just added gets the focus, to be typed in at once.
  const [focusKey, setFocusKey] = useState<string>();
  useEffect(() => {
    if (!focusKey) return;
    document.getElementById(`action-item-${focusKey}-title`)?.focus();
    setFocusKey(undefined);
  }, [focusKey]);
  const set = (key: string, change: Partial<EditorActionItem>) =>
    onChange(
      items.map(item => {
        if (item.key !== key) return item;
        const next = { ...item, ...change };
        // Optional fields are absent rather than empty.
        if (!next.dueDate) delete next.dueDate;
        if (!next.link) delete next.link;
        return next;
      }),
    );
  return (
    <Box>
      {items.length === 0 && (
        <Typography variant="body2" color="textSecondary" paragraph>
          No action items yet.
        </Typography>
      )}
      {items.map((item, index) => {
        const n = index + 1;
        const id = (field: string) => `action-item-${item.key}-${field}`;
        const problem = (field: string) => ({
          error: Boolean(problemFor(id(field))),
          helperText: problemFor(id(field)),
        });
        return (
          <Paper
            variant="outlined"
            key={item.key}
            className={classes.row}
            data-testid="action-item-row"
            data-field-group
          >
            <TextField
              size="small"
              variant="outlined"
              id={id('title')}
              label="Action item"
              required
              value={item.title}
              {...problem('title')}
              style={{ flex: '3 1 260px' }}
              inputProps={{ 'aria-label': `Action item ${n} title` }}
              onChange={e => set(item.key, { title: e.target.value })}
            />
            <EntityRefPicker
              size="small"
              fullWidth={false}
              id={id('owner')}
              label="Owner"
              {...problem('owner')}
              kinds={OWNER_KINDS}
              placeholder="A user or group"
              value={item.owner}
              style={{ flex: '2 1 220px' }}
              inputAriaLabel={`Action item ${n} owner`}
              onChange={owner => set(item.key, { owner })}
            />
            <TextField
              size="small"
              variant="outlined"
              type="date"
              id={id('due')}
              label="Due"
              value={item.dueDate ?? ''}
              {...problem('due')}
              InputLabelProps={{ shrink: true }}
              inputProps={{ 'aria-label': `Action item ${n} due date` }}
              onChange={e => set(item.key, { dueDate: e.target.value })}
            />
            <TextField
              select
              size="small"
              variant="outlined"
              id={id('priority')}
              label="Priority"
              value={item.priority}
              SelectProps={{
                SelectDisplayProps: {
                  'aria-label': `Action item ${n} priority`,
                },
              }}
              onChange={e =>
                set(item.key, {
                  priority: e.target.value as EditorActionItem['priority'],
                })
              }
            >
              {ACTION_ITEM_PRIORITIES.map(p => (
                <MenuItem key={p} value={p}>
                  {p}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              size="small"
              variant="outlined"
              id={id('status')}
              label="Status"
              value={item.status}
              SelectProps={{
                SelectDisplayProps: { 'aria-label': `Action item ${n} status` },
              }}
              onChange={e =>
                set(item.key, {
                  status: e.target.value as EditorActionItem['status'],
                })
              }
            >
              {ACTION_ITEM_STATUSES.map(s => (
                <MenuItem key={s} value={s}>
                  {ACTION_ITEM_STATUS_LABELS[s]}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              size="small"
              variant="outlined"
              id={id('link')}
              label="Link"
              placeholder="https://tracker/ISSUE-1"
              value={item.link ?? ''}
              {...problem('link')}
              style={{ flex: '2 1 200px' }}
              inputProps={{ 'aria-label': `Action item ${n} link` }}
              onChange={e => set(item.key, { link: e.target.value.trim() })}
            />
            <Tooltip title="Remove action item">
              <IconButton
                aria-label={`Remove action item ${n}`}
                onClick={() => onChange(items.filter(i => i.key !== item.key))}
              >
                <DeleteIcon />
              </IconButton>
            </Tooltip>
          </Paper>
        );
      })}
      <Button
        startIcon={<AddIcon />}
        onClick={() => {
          const key = newItemKey();
          setFocusKey(key);
          onChange([
            ...items,
            {
              key,
              title: '',
              owner: props.defaultOwner ?? '',
              priority: 'P2',
              status: 'open',
            },
          ]);
        }}
      >
        Add action item
      </Button>
    </Box>
  );
}
