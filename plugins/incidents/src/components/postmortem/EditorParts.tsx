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
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import { useEffect, useState } from 'react';
import {
  ACTION_ITEM_STATUS_LABELS,
  fromDateTimeLocal,
  splitRefs,
  toDateTimeLocal,
} from '../../lib/format';
import {
  EditorActionItem,
  newItemKey,
  PostmortemFields,
} from '../../lib/postmortemFields';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    padding: theme.spacing(1.5),
    marginBottom: theme.spacing(1),
  },
}));

/**
 * A list of entity refs typed as text ("a, b"). Keeps the raw text while
 * typing (so "a, " is not trimmed away) and reports the parsed list.
 */
export function RefListField(props: {
  id: string;
  label: string;
  value: string[];
  onChange: (refs: string[]) => void;
  helperText?: string;
  disabled?: boolean;
}) {
  const { value, onChange } = props;
  const [text, setText] = useState(value.join(', '));
  // Follow outside changes (loading another version), not our own echoes.
  useEffect(() => {
    setText(current =>
      splitRefs(current).join('\n') === value.join('\n')
        ? current
        : value.join(', '),
    );
  }, [value]);
  return (
    <TextField
      fullWidth
      variant="outlined"
      margin="dense"
      id={props.id}
      label={props.label}
      value={text}
      disabled={props.disabled}
      helperText={props.helperText}
      onChange={e => {
        setText(e.target.value);
        onChange(splitRefs(e.target.value));
      }}
    />
  );
}

/** The postmortem's own timeline: editable `{at, text}` entries. */
export function TimelineEditor(props: {
  entries: PostmortemFields['timeline'];
  onChange: (entries: PostmortemFields['timeline']) => void;
}) {
  const classes = useStyles();
  const { entries, onChange } = props;
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
        >
          <TextField
            size="small"
            variant="outlined"
            type="datetime-local"
            id={`postmortem-timeline-${index}-at`}
            label="Time"
            value={toDateTimeLocal(entry.at)}
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
}) {
  const classes = useStyles();
  const { items, onChange } = props;
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
        return (
          <Paper
            variant="outlined"
            key={item.key}
            className={classes.row}
            data-testid="action-item-row"
          >
            <TextField
              size="small"
              variant="outlined"
              id={`action-item-${item.key}-title`}
              label="Action item"
              value={item.title}
              style={{ flex: '3 1 260px' }}
              inputProps={{ 'aria-label': `Action item ${n} title` }}
              onChange={e => set(item.key, { title: e.target.value })}
            />
            <TextField
              size="small"
              variant="outlined"
              id={`action-item-${item.key}-owner`}
              label="Owner"
              placeholder="group:default/payments"
              value={item.owner}
              style={{ flex: '2 1 200px' }}
              inputProps={{ 'aria-label': `Action item ${n} owner` }}
              onChange={e => set(item.key, { owner: e.target.value.trim() })}
            />
            <TextField
              size="small"
              variant="outlined"
              type="date"
              id={`action-item-${item.key}-due`}
              label="Due"
              value={item.dueDate ?? ''}
              InputLabelProps={{ shrink: true }}
              inputProps={{ 'aria-label': `Action item ${n} due date` }}
              onChange={e => set(item.key, { dueDate: e.target.value })}
            />
            <TextField
              select
              size="small"
              variant="outlined"
              id={`action-item-${item.key}-priority`}
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
              id={`action-item-${item.key}-status`}
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
              id={`action-item-${item.key}-link`}
              label="Link"
              placeholder="https://tracker/ISSUE-1"
              value={item.link ?? ''}
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
        onClick={() =>
          onChange([
            ...items,
            {
              key: newItemKey(),
              title: '',
              owner: props.defaultOwner ?? '',
              priority: 'P2',
              status: 'open',
            },
          ])
        }
      >
        Add action item
      </Button>
    </Box>
  );
}
