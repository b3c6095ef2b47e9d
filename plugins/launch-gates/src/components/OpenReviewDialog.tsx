import { useApi } from '@backstage/core-plugin-api';
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
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { ReportProblemButton } from '@vigil/frontend-kit';
import {
  DEFAULT_TEMPLATE_NAME,
  openReviewRequestSchema,
  ReviewDetail,
} from '@vigil/backstage-plugin-launch-gates-common';
import { FormEvent, useEffect, useState } from 'react';
import { launchGatesApiRef } from '../api/LaunchGatesApi';
import { problemOf } from '../lib/errors';
import { daysFromNow, todayIso } from '../lib/format';
import { useTemplates } from './useTemplates';

/** A new review's target date by default: four weeks out. */
const DEFAULT_LEAD_DAYS = 28;

/**
 * Opens a review of an entity: the template (the entity's own by default),
 * a title and the target launch date. The backend answers with the review,
 * its checks pending; they fill in as the first evaluation runs.
 */
export function OpenReviewDialog(props: {
  open: boolean;
  entityRef: string;
  /** The entity's `vigil.dev/launch-template`, if it names one. */
  entityTemplate?: string;
  onClose: () => void;
  onOpened: (review: ReviewDetail) => void;
}) {
  const { open, entityRef, onClose, onOpened } = props;
  const defaultTemplate = props.entityTemplate ?? DEFAULT_TEMPLATE_NAME;
  const api = useApi(launchGatesApiRef);
  const templates = useTemplates(open);
  const [templateName, setTemplateName] = useState(defaultTemplate);
  const [title, setTitle] = useState('');
  const [targetDate, setTargetDate] = useState('');
  const [dateError, setDateError] = useState<string>();
  // `error` is the failed request's (to report); absent for a form problem.
  const [submitError, setSubmitError] = useState<{
    message: string;
    error?: unknown;
  }>();
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    if (!open) return;
    setTemplateName(defaultTemplate);
    setTitle('');
    setTargetDate(daysFromNow(DEFAULT_LEAD_DAYS));
    setDateError(undefined);
    setSubmitError(undefined);
  }, [open, defaultTemplate]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!targetDate) {
      setDateError('Enter the target launch date');
      return;
    }
    if (targetDate < todayIso()) {
      setDateError('The target date must not be in the past');
      return;
    }
    const parsed = openReviewRequestSchema.safeParse({
      entityRef,
      templateName,
      targetDate,
      ...(title.trim() ? { title: title.trim() } : {}),
    });
    if (!parsed.success) {
      setSubmitError({
        message: parsed.error.issues.map(i => i.message).join('; '),
      });
      return;
    }
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      onOpened(await api.openReview(parsed.data));
    } catch (e) {
      setSubmitError({ message: problemOf(e), error: e });
    } finally {
      setSubmitting(false);
    }
  };

  const items = templates.value?.items ?? [];
  const problems = templates.value?.problems ?? [];
  const selected = items.find(t => t.name === templateName);
  let templateHelp: string | undefined;
  if (selected) {
    templateHelp = `${selected.gates.length} gates: ${selected.gates
      .map(g => g.title)
      .join(', ')}`;
  } else if (templates.loading) {
    templateHelp = 'Loading templates…';
  }

  return (
    <Dialog
      open={open}
      onClose={submitting ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="open-review-title"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="open-review-title">Open launch review</DialogTitle>
        <DialogContent>
          {submitError && (
            <Box mb={2}>
              <Alert
                severity="error"
                action={
                  submitError.error === undefined ? undefined : (
                    <ReportProblemButton
                      error={submitError.error}
                      entityRef={entityRef}
                      variant="text"
                    />
                  )
                }
              >
                {submitError.message}
              </Alert>
            </Box>
          )}
          {templates.error && (
            <Box mb={2}>
              <Alert
                severity="error"
                action={
                  <ReportProblemButton
                    error={templates.error}
                    entityRef={entityRef}
                    variant="text"
                  />
                }
              >
                Templates could not be loaded: {problemOf(templates.error)}
              </Alert>
            </Box>
          )}
          {problems.length > 0 && (
            <Box mb={2}>
              <Alert severity="warning">
                Template files with problems (not offered):{' '}
                {problems.map(p => `${p.source}: ${p.message}`).join('; ')}
              </Alert>
            </Box>
          )}
          <TextField
            select
            fullWidth
            required
            margin="dense"
            variant="outlined"
            id="open-review-template"
            label="Template"
            value={items.length > 0 ? templateName : ''}
            disabled={templates.loading}
            onChange={e => setTemplateName(String(e.target.value))}
            SelectProps={{ SelectDisplayProps: { 'aria-label': 'Template' } }}
            helperText={templateHelp}
          >
            {items.map(t => (
              <MenuItem key={t.name} value={t.name}>
                {t.title} ({t.name})
              </MenuItem>
            ))}
          </TextField>
          <TextField
            fullWidth
            margin="dense"
            variant="outlined"
            id="open-review-title-field"
            label="Title"
            value={title}
            onChange={e => setTitle(e.target.value)}
            helperText="Optional; the template's title and the entity by default"
          />
          <TextField
            fullWidth
            required
            type="date"
            margin="dense"
            variant="outlined"
            id="open-review-target-date"
            label="Target launch date"
            value={targetDate}
            InputLabelProps={{ shrink: true }}
            onChange={e => {
              setTargetDate(e.target.value);
              setDateError(undefined);
            }}
            error={Boolean(dateError)}
            helperText={dateError}
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
            disabled={submitting || items.length === 0}
            startIcon={submitting ? <CircularProgress size={16} /> : undefined}
          >
            Open review
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
