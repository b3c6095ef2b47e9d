import { useApi } from '@backstage/core-plugin-api';
import {
  declareIncidentRequestSchema,
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
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import { FormEvent, useEffect, useState } from 'react';
import { incidentsApiRef } from '../api/IncidentsApi';
import { errorMessage } from '../api/errors';
import type {
  DeclareIncidentRequest,
  IncidentDetails,
  Severity,
} from '../api/types';
import { fromDateTimeLocal, toDateTimeLocal } from '../lib/format';
import { useIncidentsConfig } from '../lib/useIncidentsConfig';
import {
  AFFECTED_ENTITY_KINDS,
  EntityRefPicker,
  PERSON_KINDS,
} from './EntityRefPicker';

interface FormState {
  title: string;
  summary: string;
  severity: Severity;
  entityRefs: string[];
  commander: string;
  detectedAt: string;
}

type FieldErrors = Partial<Record<keyof FormState, string>>;

/** A fresh form; "detected at" defaults to now (to the second). */
function emptyForm(entityRefs: string[], now: Date = new Date()): FormState {
  return {
    title: '',
    summary: '',
    severity: 'SEV2',
    entityRefs,
    commander: '',
    detectedAt: toDateTimeLocal(now.toISOString()),
  };
}

/** Why "detected at" is not acceptable, if it is not. */
function detectedAtProblem(value: string, now: Date): string | undefined {
  if (!value) return 'Enter when the problem was detected';
  const iso = fromDateTimeLocal(value);
  if (!iso) return 'Enter a valid date and time';
  // The field has whole seconds: the second of "now" is not the future.
  if (Date.parse(iso) > Math.ceil(now.getTime() / 1000) * 1000) {
    return 'Must not be in the future';
  }
  return undefined;
}

/** The request for the form, or the errors per field (same schema as the server). */
export function toDeclareRequest(
  form: FormState,
  now: Date = new Date(),
): { request: DeclareIncidentRequest } | { errors: FieldErrors } {
  const detectedAt = fromDateTimeLocal(form.detectedAt);
  const candidate = {
    title: form.title.trim(),
    severity: form.severity,
    entityRefs: form.entityRefs,
    ...(form.summary.trim() ? { summary: form.summary.trim() } : {}),
    ...(form.commander.trim() ? { commander: form.commander.trim() } : {}),
    ...(detectedAt ? { detectedAt } : {}),
  };
  const result = declareIncidentRequestSchema.safeParse(candidate);
  const detectedAtError = detectedAtProblem(form.detectedAt, now);
  if (result.success && !detectedAtError) return { request: result.data };
  const errors: FieldErrors = {};
  if (detectedAtError) errors.detectedAt = detectedAtError;
  if (result.success) return { errors };
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'title') as keyof FormState;
    const where =
      field === 'entityRefs' && typeof issue.path[1] === 'number'
        ? `"${candidate.entityRefs[issue.path[1]]}": `
        : '';
    errors[field] ??= `${where}${issue.message}`;
  }
  return { errors };
}

/**
 * Declares an incident: title, summary, severity (with the configured names
 * and descriptions), affected entities, commander (none by default: only
 * members of an owning group and SRE may name one, so a plain user's
 * declaration is never refused for it) and when the problem was detected
 * (now by default; not in the future).
 */
export function DeclareIncidentDialog(props: {
  open: boolean;
  onClose: () => void;
  onDeclared: (details: IncidentDetails) => void;
  /** Prefilled affected entities, e.g. the entity whose page this is. */
  defaultEntityRefs?: string[];
}) {
  const { open, onClose, onDeclared } = props;
  const defaultEntityRefs = props.defaultEntityRefs ?? [];
  const defaultsKey = defaultEntityRefs.join(',');
  const api = useApi(incidentsApiRef);
  const { config } = useIncidentsConfig();
  const [form, setForm] = useState<FormState>(() =>
    emptyForm(defaultEntityRefs),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitError, setSubmitError] = useState<{
    message: string;
    error: unknown;
  }>();
  const [submitting, setSubmitting] = useState(false);

  // A fresh form each time the dialog opens.
  useEffect(() => {
    if (!open) return;
    setForm(emptyForm(defaultsKey ? defaultsKey.split(',') : []));
    setErrors({});
    setSubmitError(undefined);
  }, [open, defaultsKey]);

  const setValue = <K extends keyof FormState>(
    field: K,
    value: FormState[K],
  ) => {
    setForm(f => ({ ...f, [field]: value }));
    setErrors(e => ({ ...e, [field]: undefined }));
  };
  const set =
    (field: 'title' | 'summary' | 'severity' | 'detectedAt') =>
    (event: { target: { value: unknown } }) =>
      setValue(field, String(event.target.value) as FormState[typeof field]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = toDeclareRequest(form);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      const details = await api.declareIncident(result.request);
      onDeclared(details);
    } catch (e) {
      setSubmitError({ message: errorMessage(e), error: e });
    } finally {
      setSubmitting(false);
    }
  };

  const severity = config.severities[form.severity];

  return (
    <Dialog
      open={open}
      onClose={submitting ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="declare-incident-title"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="declare-incident-title">Declare incident</DialogTitle>
        <DialogContent>
          {submitError && (
            <Box mb={2}>
              <FailedRequestAlert
                error={submitError.error}
                entityRef={defaultEntityRefs[0]}
              >
                {submitError.message}
              </FailedRequestAlert>
            </Box>
          )}
          <TextField
            fullWidth
            required
            margin="dense"
            variant="outlined"
            id="declare-incident-title-field"
            label="Title"
            value={form.title}
            onChange={set('title')}
            error={Boolean(errors.title)}
            helperText={errors.title ?? 'What is broken, as users see it'}
          />
          <TextField
            fullWidth
            multiline
            minRows={3}
            margin="dense"
            variant="outlined"
            id="declare-incident-summary"
            label="Summary"
            value={form.summary}
            onChange={set('summary')}
            error={Boolean(errors.summary)}
            helperText={errors.summary ?? 'Markdown'}
          />
          <TextField
            select
            fullWidth
            required
            margin="dense"
            variant="outlined"
            id="declare-incident-severity"
            label="Severity"
            value={form.severity}
            onChange={set('severity')}
            SelectProps={{
              SelectDisplayProps: { 'aria-label': 'Severity' },
              renderValue: value =>
                `${value} · ${
                  config.severities[value as Severity]?.name ?? ''
                }`,
            }}
            helperText={severity?.description}
          >
            {SEVERITIES.map(s => (
              <MenuItem key={s} value={s}>
                <Box>
                  <Typography variant="body2">
                    <strong>{s}</strong> · {config.severities[s]?.name}
                  </Typography>
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    style={{ whiteSpace: 'normal' }}
                  >
                    {config.severities[s]?.description}
                  </Typography>
                </Box>
              </MenuItem>
            ))}
          </TextField>
          <EntityRefPicker
            multiple
            required
            margin="dense"
            id="declare-incident-entities"
            label="Affected entities"
            kinds={AFFECTED_ENTITY_KINDS}
            placeholder="Search the catalog, or type kind:namespace/name"
            value={form.entityRefs}
            onChange={refs => setValue('entityRefs', refs)}
            error={Boolean(errors.entityRefs)}
            helperText={
              errors.entityRefs ??
              'Components, systems, resources, APIs, groups or domains'
            }
          />
          <EntityRefPicker
            margin="dense"
            id="declare-incident-commander"
            label="Commander"
            kinds={PERSON_KINDS}
            placeholder="Search users"
            value={form.commander}
            onChange={ref => setValue('commander', ref)}
            error={Boolean(errors.commander)}
            helperText={
              errors.commander ??
              'Who runs the incident (optional; owners and SRE may name one, else they take command)'
            }
          />
          <TextField
            fullWidth
            required
            margin="dense"
            variant="outlined"
            id="declare-incident-detected-at"
            label="Detected at"
            type="datetime-local"
            value={form.detectedAt}
            onChange={set('detectedAt')}
            InputLabelProps={{ shrink: true }}
            inputProps={{ step: 1 }}
            error={Boolean(errors.detectedAt)}
            helperText={
              errors.detectedAt ??
              'When the problem was first noticed (alert, report, graph): now, or earlier'
            }
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={submitting}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={submitting}
            startIcon={submitting ? <CircularProgress size={16} /> : undefined}
          >
            Declare
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
