import {
  INCIDENT_STATUSES,
  incidentChangesSchema,
  isAllowedTransition,
  SEVERITIES,
} from '@vigil/backstage-plugin-incidents-common';
import { FailedRequestAlert } from '@vigil/frontend-kit';
import {
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  ListItemText,
  Menu,
  MenuItem,
  TextField,
} from '@material-ui/core';
import ArrowDropDownIcon from '@material-ui/icons/ArrowDropDown';
import EditIcon from '@material-ui/icons/Edit';
import { FormEvent, useState } from 'react';
import type {
  Incident,
  IncidentChanges,
  IncidentStatus,
  IncidentsUiConfig,
  Severity,
} from '../../api/types';
import { STATUS_LABELS } from '../../lib/format';
import { AFFECTED_ENTITY_KINDS, EntityRefPicker } from '../EntityRefPicker';

export type ApplyResult =
  | { ok: true }
  | { ok: false; conflict: boolean; message: string; error?: unknown };

/**
 * Applies changes on top of `baseVersion` (default: the version shown).
 * Conflicts are shown by the page; the result says what happened.
 */
export type ApplyChanges = (
  changes: IncidentChanges,
  baseVersion?: number,
) => Promise<ApplyResult>;

/** Why closing is not offered, or undefined when it is. */
export function closeBlockedReason(
  incident: Incident,
  postmortemState: string | undefined,
  config: IncidentsUiConfig,
): string | undefined {
  if (config.allowCloseWithoutPublishedPostmortem) return undefined;
  if ((postmortemState ?? incident.postmortemState) === 'published') {
    return undefined;
  }
  return 'Publish the postmortem first: an incident closes once its postmortem is published';
}

/** The status menu: only the transitions the lifecycle allows. */
export function StatusMenu(props: {
  incident: Incident;
  postmortemState?: string;
  config: IncidentsUiConfig;
  disabled?: boolean;
  onChange: (status: IncidentStatus) => void;
}) {
  const { incident, config, onChange } = props;
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const targets = INCIDENT_STATUSES.filter(status =>
    isAllowedTransition(incident.status, status),
  );
  const closeReason = closeBlockedReason(
    incident,
    props.postmortemState,
    config,
  );
  return (
    <>
      <Button
        variant="outlined"
        aria-haspopup="true"
        aria-controls="incident-status-menu"
        endIcon={<ArrowDropDownIcon />}
        disabled={props.disabled || targets.length === 0}
        onClick={e => setAnchor(e.currentTarget)}
      >
        Change status
      </Button>
      <Menu
        id="incident-status-menu"
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
      >
        {targets.map(status => {
          const blocked = status === 'closed' ? closeReason : undefined;
          return (
            <MenuItem
              key={status}
              disabled={Boolean(blocked)}
              onClick={() => {
                setAnchor(null);
                onChange(status);
              }}
            >
              <ListItemText
                primary={STATUS_LABELS[status]}
                secondary={
                  blocked ??
                  (incident.status === 'resolved' && status === 'investigating'
                    ? 'Reopen the incident'
                    : undefined)
                }
                secondaryTypographyProps={{ style: { whiteSpace: 'normal' } }}
              />
            </MenuItem>
          );
        })}
      </Menu>
    </>
  );
}

/** Severity select; the configured names and descriptions as options. */
export function SeveritySelect(props: {
  severity: Severity;
  config: IncidentsUiConfig;
  disabled?: boolean;
  onChange: (severity: Severity) => void;
}) {
  const { severity, config, onChange } = props;
  return (
    <TextField
      select
      size="small"
      variant="outlined"
      id="incident-severity"
      label="Severity"
      value={severity}
      disabled={props.disabled}
      style={{ minWidth: 180 }}
      SelectProps={{
        SelectDisplayProps: { 'aria-label': 'Severity' },
        renderValue: value =>
          `${value} · ${config.severities[value as Severity]?.name ?? ''}`,
      }}
      onChange={e => {
        const next = e.target.value as Severity;
        if (next !== severity) onChange(next);
      }}
    >
      {SEVERITIES.map(s => (
        <MenuItem key={s} value={s}>
          <ListItemText
            primary={`${s} · ${config.severities[s]?.name ?? ''}`}
            secondary={config.severities[s]?.description}
            secondaryTypographyProps={{ style: { whiteSpace: 'normal' } }}
          />
        </MenuItem>
      ))}
    </TextField>
  );
}

interface EditForm {
  title: string;
  summary: string;
  entityRefs: string[];
}

/** Edit title, summary and affected entities, based on the version at opening. */
export function EditIncidentButton(props: {
  incident: Incident;
  disabled?: boolean;
  onApply: ApplyChanges;
}) {
  const { incident, onApply } = props;
  const [open, setOpen] = useState(false);
  const [baseVersion, setBaseVersion] = useState(incident.version);
  const [form, setForm] = useState<EditForm>({
    title: '',
    summary: '',
    entityRefs: [],
  });
  const [errors, setErrors] = useState<Partial<Record<keyof EditForm, string>>>(
    {},
  );
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{
    message: string;
    error?: unknown;
  }>();

  const start = () => {
    setForm({
      title: incident.title,
      summary: incident.summary ?? '',
      entityRefs: incident.entityRefs,
    });
    // Sent as expectedVersion: a change made by someone else meanwhile is a conflict.
    setBaseVersion(incident.version);
    setErrors({});
    setFailure(undefined);
    setOpen(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changes: IncidentChanges = {};
    if (form.title.trim() !== incident.title) changes.title = form.title.trim();
    if (form.summary !== (incident.summary ?? '')) {
      changes.summary = form.summary;
    }
    const refs = form.entityRefs;
    if (refs.join('\n') !== incident.entityRefs.join('\n')) {
      changes.entityRefs = refs;
    }
    const parsed = incidentChangesSchema.safeParse(changes);
    if (!parsed.success) {
      const next: Partial<Record<keyof EditForm, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as keyof EditForm;
        const where =
          field === 'entityRefs' && typeof issue.path[1] === 'number'
            ? `"${refs[issue.path[1]]}": `
            : '';
        next[field] ??= `${where}${issue.message}`;
      }
      setErrors(next);
      return;
    }
    if (Object.keys(changes).length === 0) {
      setOpen(false);
      return;
    }
    setBusy(true);
    const result = await onApply(changes, baseVersion);
    setBusy(false);
    // On a conflict the page's banner offers to reapply these changes.
    if (result.ok || result.conflict) setOpen(false);
    else setFailure({ message: result.message, error: result.error });
  };

  const setField = <K extends keyof EditForm>(key: K, value: EditForm[K]) => {
    setForm(f => ({ ...f, [key]: value }));
    setErrors(er => ({ ...er, [key]: undefined }));
  };
  const field = (key: 'title' | 'summary') => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) =>
      setField(key, e.target.value),
    error: Boolean(errors[key]),
  });

  return (
    <>
      <Button
        variant="outlined"
        startIcon={<EditIcon />}
        disabled={props.disabled}
        onClick={start}
      >
        Edit
      </Button>
      <Dialog
        open={open}
        onClose={busy ? undefined : () => setOpen(false)}
        fullWidth
        maxWidth="sm"
        aria-labelledby="edit-incident-title"
      >
        <form onSubmit={submit} noValidate>
          <DialogTitle id="edit-incident-title">Edit incident</DialogTitle>
          <DialogContent>
            {failure && (
              <Box mb={2}>
                <FailedRequestAlert error={failure.error}>
                  {failure.message}
                </FailedRequestAlert>
              </Box>
            )}
            <TextField
              {...field('title')}
              fullWidth
              required
              margin="dense"
              variant="outlined"
              id="edit-incident-title-field"
              label="Title"
              helperText={errors.title}
            />
            <TextField
              {...field('summary')}
              fullWidth
              multiline
              minRows={4}
              margin="dense"
              variant="outlined"
              id="edit-incident-summary"
              label="Summary"
              helperText={errors.summary ?? 'Markdown'}
            />
            <EntityRefPicker
              multiple
              required
              margin="dense"
              id="edit-incident-entities"
              label="Affected entities"
              kinds={AFFECTED_ENTITY_KINDS}
              placeholder="Search the catalog, or type kind:namespace/name"
              value={form.entityRefs}
              onChange={refs => setField('entityRefs', refs)}
              error={Boolean(errors.entityRefs)}
              helperText={
                errors.entityRefs ??
                'Components, systems, resources, APIs, groups or domains'
              }
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)} disabled={busy}>
              Cancel
            </Button>
            <Button
              type="submit"
              color="primary"
              variant="contained"
              disabled={busy}
              startIcon={busy ? <CircularProgress size={16} /> : undefined}
            >
              Save
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}

/** The header's controls, for users who may change the incident. */
export function IncidentControls(props: {
  incident: Incident;
  postmortemState?: string;
  config: IncidentsUiConfig;
  busy: boolean;
  onApply: ApplyChanges;
}) {
  const { incident, config, busy, onApply } = props;
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 8 }}>
      <StatusMenu
        incident={incident}
        postmortemState={props.postmortemState}
        config={config}
        disabled={busy}
        onChange={status => onApply({ status })}
      />
      <SeveritySelect
        severity={incident.severity}
        config={config}
        disabled={busy}
        onChange={severity => onApply({ severity })}
      />
      <EditIncidentButton
        incident={incident}
        disabled={busy}
        onApply={onApply}
      />
    </Box>
  );
}
