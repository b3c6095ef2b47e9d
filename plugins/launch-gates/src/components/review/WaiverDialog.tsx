import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { ReportProblemButton } from '@vigil/frontend-kit';
import {
  CheckResult,
  createWaiverRequestSchema,
  CreateWaiverRequest,
  ReviewDetail,
} from '@vigil/backstage-plugin-launch-gates-common';
import { DateTime } from 'luxon';
import { FormEvent, useEffect, useState } from 'react';
import { launchGatesApiRef } from '../../api/LaunchGatesApi';
import { problemOf } from '../../lib/errors';
import { daysFromNow, STATUS_LABELS } from '../../lib/format';

/** The longest a waiver may last (the backend's rule). */
export const MAX_WAIVER_DAYS = 180;
/** A new waiver's expiry by default. */
const DEFAULT_WAIVER_DAYS = 14;

export interface WaiverForm {
  reason: string;
  /** YYYY-MM-DD; the waiver lasts to the end of that day (browser's zone). */
  expiresOn: string;
}

type WaiverErrors = Partial<Record<keyof WaiverForm, string>>;

/**
 * The request for the form, or what is wrong with each field: a reason of
 * at least 10 characters, an expiry after today and at most 180 days away.
 */
export function toWaiverRequest(
  checkId: string,
  form: WaiverForm,
  now: Date = new Date(),
): { request: CreateWaiverRequest } | { errors: WaiverErrors } {
  const errors: WaiverErrors = {};
  const expiry = form.expiresOn
    ? DateTime.fromISO(form.expiresOn).endOf('day')
    : undefined;
  if (!expiry || !expiry.isValid) {
    errors.expiresOn = 'Enter when the waiver expires';
  } else if (expiry.toMillis() <= now.getTime()) {
    errors.expiresOn = 'The expiry must be in the future';
  } else if (
    expiry.toMillis() >
    DateTime.fromJSDate(now).plus({ days: MAX_WAIVER_DAYS }).toMillis()
  ) {
    errors.expiresOn = `A waiver lasts at most ${MAX_WAIVER_DAYS} days`;
  }
  const parsed = createWaiverRequestSchema.safeParse({
    checkId,
    reason: form.reason.trim(),
    expiresAt: expiry?.isValid ? expiry.toUTC().toISO() : '',
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'expiresAt' ? 'expiresOn' : 'reason';
      errors[field] ??= issue.message;
    }
  }
  if (!parsed.success || errors.reason || errors.expiresOn) return { errors };
  return { request: parsed.data };
}

/**
 * Waives a check that neither passes nor is waived: the reason and the
 * expiry are required; the waiver is append-only (it cannot be edited or
 * withdrawn, only outlived). The backend's refusal (who may waive, a bad
 * expiry) is shown as it says it.
 */
export function WaiverDialog(props: {
  review: ReviewDetail;
  check: CheckResult | undefined;
  onClose: () => void;
  onWaived: (review: ReviewDetail) => void;
}) {
  const { review, check, onClose, onWaived } = props;
  const api = useApi(launchGatesApiRef);
  const [form, setForm] = useState<WaiverForm>({ reason: '', expiresOn: '' });
  const [errors, setErrors] = useState<WaiverErrors>({});
  const [submitError, setSubmitError] = useState<{
    message: string;
    error: unknown;
  }>();
  const [submitting, setSubmitting] = useState(false);
  const checkId = check?.checkId;

  useEffect(() => {
    if (!checkId) return;
    setForm({ reason: '', expiresOn: daysFromNow(DEFAULT_WAIVER_DAYS) });
    setErrors({});
    setSubmitError(undefined);
  }, [checkId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!check) return;
    const result = toWaiverRequest(check.checkId, form);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      onWaived(await api.createWaiver(review.id, result.request));
    } catch (e) {
      setSubmitError({ message: problemOf(e), error: e });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={Boolean(check)}
      onClose={submitting ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="waiver-title"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="waiver-title">Waive {check?.title}</DialogTitle>
        <DialogContent>
          {submitError && (
            <Box mb={2}>
              <Alert
                severity="error"
                action={
                  <ReportProblemButton
                    error={submitError.error}
                    entityRef={review.entityRef}
                    variant="text"
                  />
                }
              >
                {submitError.message}
              </Alert>
            </Box>
          )}
          {check && (
            <Typography variant="body2" paragraph>
              {check.checkId} is {STATUS_LABELS[check.effectiveStatus]}
              {check.summary ? `: ${check.summary}` : ''}. A waiver lets the
              review go ahead without it until it expires; it is recorded with
              the evidence you see now and cannot be edited.
            </Typography>
          )}
          <TextField
            fullWidth
            required
            multiline
            minRows={3}
            margin="dense"
            variant="outlined"
            id="waiver-reason"
            label="Reason"
            value={form.reason}
            onChange={e => {
              setForm(f => ({ ...f, reason: e.target.value }));
              setErrors(er => ({ ...er, reason: undefined }));
            }}
            error={Boolean(errors.reason)}
            helperText={
              errors.reason ?? 'Why the launch may go ahead without it'
            }
          />
          <TextField
            fullWidth
            required
            type="date"
            margin="dense"
            variant="outlined"
            id="waiver-expires-on"
            label="Expires on"
            value={form.expiresOn}
            InputLabelProps={{ shrink: true }}
            onChange={e => {
              setForm(f => ({ ...f, expiresOn: e.target.value }));
              setErrors(er => ({ ...er, expiresOn: undefined }));
            }}
            error={Boolean(errors.expiresOn)}
            helperText={
              errors.expiresOn ??
              `At the end of that day; at most ${MAX_WAIVER_DAYS} days away`
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
            Grant waiver
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
