import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { ReportProblemButton } from '@vigil/frontend-kit';
import {
  answerCheckRequestSchema,
  AnswerCheckRequest,
  CheckResult,
  MAX_ATTACHMENT_BYTES,
  ReviewDetail,
} from '@vigil/backstage-plugin-launch-gates-common';
import { FormEvent, useEffect, useState } from 'react';
import { launchGatesApiRef } from '../../api/LaunchGatesApi';
import { base64Of } from '../../lib/download';
import { problemOf } from '../../lib/errors';
import { answererLabel } from '../../lib/format';

interface AnswerForm {
  answer: 'yes' | 'no' | '';
  comment: string;
  link: string;
  file: File | null;
}

type AnswerErrors = Partial<Record<keyof AnswerForm, string>>;

const EMPTY: AnswerForm = { answer: '', comment: '', link: '', file: null };

/**
 * What is wrong with the form, checked before anything is uploaded (the
 * same schema as the server; whether a yes needs a link or a file is the
 * server's to say, from the template).
 */
export function answerFormErrors(form: AnswerForm): AnswerErrors {
  const errors: AnswerErrors = {};
  if (!form.answer) errors.answer = 'Answer yes or no';
  const parsed = answerCheckRequestSchema.safeParse({
    answer: form.answer || 'yes',
    comment: form.comment.trim(),
    ...(form.link.trim() ? { link: form.link.trim() } : {}),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'link' ? 'link' : 'comment';
      errors[field] ??= issue.message;
    }
  }
  if (form.file && form.file.size > MAX_ATTACHMENT_BYTES) {
    errors.file = `The file is larger than ${
      MAX_ATTACHMENT_BYTES / 1024 / 1024
    } MB`;
  }
  return errors;
}

/**
 * Answers a manual check yes or no, with a comment and evidence: a link, a
 * file (uploaded to the review first, then named by the answer) or both.
 * Answers are append-only; the latest counts.
 */
export function AnswerCheckDialog(props: {
  review: ReviewDetail;
  check: CheckResult | undefined;
  onClose: () => void;
  onAnswered: (review: ReviewDetail) => void;
}) {
  const { review, check, onClose, onAnswered } = props;
  const api = useApi(launchGatesApiRef);
  const [form, setForm] = useState<AnswerForm>(EMPTY);
  const [errors, setErrors] = useState<AnswerErrors>({});
  const [submitError, setSubmitError] = useState<{
    message: string;
    error: unknown;
  }>();
  const [submitting, setSubmitting] = useState(false);
  const checkId = check?.checkId;

  useEffect(() => {
    if (!checkId) return;
    setForm(EMPTY);
    setErrors({});
    setSubmitError(undefined);
  }, [checkId]);

  const set = <K extends keyof AnswerForm>(field: K, value: AnswerForm[K]) => {
    setForm(f => ({ ...f, [field]: value }));
    setErrors(e => ({ ...e, [field]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!check) return;
    const found = answerFormErrors(form);
    if (Object.values(found).some(Boolean)) {
      setErrors(found);
      return;
    }
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      const request: AnswerCheckRequest = {
        answer: form.answer as 'yes' | 'no',
        comment: form.comment.trim(),
        ...(form.link.trim() ? { link: form.link.trim() } : {}),
      };
      if (form.file) {
        const attachment = await api.uploadAttachment(review.id, {
          filename: form.file.name,
          contentType: form.file.type || 'application/octet-stream',
          contentBase64: await base64Of(form.file),
        });
        request.attachmentId = attachment.id;
      }
      onAnswered(await api.answerCheck(review.id, check.checkId, request));
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
      aria-labelledby="answer-title"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="answer-title">Answer {check?.title}</DialogTitle>
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
            <Typography variant="body1" paragraph>
              {check.question}
              <Typography variant="caption" component="div">
                Answered by {answererLabel(check.answeredBy)}.
              </Typography>
            </Typography>
          )}
          <FormControl
            component="fieldset"
            error={Boolean(errors.answer)}
            required
          >
            <FormLabel component="legend">Answer</FormLabel>
            <RadioGroup
              row
              aria-label="Answer"
              value={form.answer}
              onChange={e => set('answer', e.target.value as 'yes' | 'no')}
            >
              <FormControlLabel value="yes" control={<Radio />} label="Yes" />
              <FormControlLabel value="no" control={<Radio />} label="No" />
            </RadioGroup>
            {errors.answer && (
              <Typography variant="caption" color="error">
                {errors.answer}
              </Typography>
            )}
          </FormControl>
          <TextField
            fullWidth
            required
            multiline
            minRows={2}
            margin="dense"
            variant="outlined"
            id="answer-comment"
            label="Comment"
            value={form.comment}
            onChange={e => set('comment', e.target.value)}
            error={Boolean(errors.comment)}
            helperText={errors.comment}
          />
          <TextField
            fullWidth
            margin="dense"
            variant="outlined"
            id="answer-link"
            label="Evidence link"
            placeholder="https://…"
            value={form.link}
            onChange={e => set('link', e.target.value)}
            error={Boolean(errors.link)}
            helperText={errors.link ?? 'A document, ticket or dashboard'}
          />
          <Box mt={1}>
            <Button variant="outlined" component="label" size="small">
              {form.file ? `File: ${form.file.name}` : 'Attach a file'}
              <input
                hidden
                type="file"
                aria-label="Evidence file"
                onChange={e => set('file', e.target.files?.[0] ?? null)}
              />
            </Button>
            {errors.file && (
              <Typography variant="caption" color="error" component="div">
                {errors.file}
              </Typography>
            )}
          </Box>
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
            Submit answer
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
