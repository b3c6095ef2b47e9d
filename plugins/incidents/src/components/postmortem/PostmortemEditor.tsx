import { InfoCard } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  CircularProgress,
  Grid,
  makeStyles,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import CheckIcon from '@material-ui/icons/Check';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import EditIcon from '@material-ui/icons/Edit';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { incidentsApiRef } from '../../api/IncidentsApi';
import type { PostmortemDetails } from '../../api/types';
import { formatRelative } from '../../lib/format';
import {
  LESSONS_SECTIONS,
  LessonsLearned,
  PostmortemFields,
  TEXT_SECTIONS,
} from '../../lib/postmortemFields';
import {
  PostmortemAutosave,
  SaveStatus,
  usePostmortemAutosave,
} from '../../lib/usePostmortemAutosave';
import { EntityRefPicker, PERSON_KINDS } from '../EntityRefPicker';
import {
  ActionItemsEditor,
  MarkdownField,
  TimelineEditor,
} from './EditorParts';

const useStyles = makeStyles(theme => ({
  indicator: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
}));

const SECTION_HINTS: Record<string, string> = {
  summary: 'What happened, in a few sentences',
  impact: 'Who was affected and how: users, revenue, SLOs',
  rootCauses: 'Why it happened; keep asking why',
  trigger: 'What set it off',
  resolution: 'What was done to mitigate and fix it',
  detection: 'How it was noticed, and how it could be noticed sooner',
  whatWentWell: 'What helped',
  whatWentWrong: 'What made it worse or slower',
  whereWeGotLucky: 'What could have gone worse',
};

const STATUS_TEXT: Record<Exclude<SaveStatus, 'error'>, string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  invalid: 'Not saved: fix the problems shown',
  conflict: 'Not saved: someone else changed this postmortem',
};

/** "All changes saved" / "Saving…" / "Unsaved changes" / what went wrong. */
export function SaveIndicator(props: { autosave: PostmortemAutosave }) {
  const classes = useStyles();
  const { status, error } = props.autosave;
  let icon = null;
  if (status === 'saving') icon = <CircularProgress size={14} />;
  else if (status === 'saved') icon = <CheckIcon fontSize="small" />;
  else if (status === 'unsaved') icon = <EditIcon fontSize="small" />;
  else icon = <ErrorOutlineIcon fontSize="small" color="error" />;
  return (
    <Typography
      variant="body2"
      color={
        status === 'error' || status === 'invalid' || status === 'conflict'
          ? 'error'
          : 'textSecondary'
      }
      role="status"
      aria-live="polite"
      className={classes.indicator}
      data-testid="save-indicator"
    >
      {icon}
      {status === 'error'
        ? `Not saved: ${error ?? 'the server did not answer'}`
        : STATUS_TEXT[status]}
    </Typography>
  );
}

/** What the user must decide about: old drafts, conflicts, failures. */
function AutosaveBanners(props: { autosave: PostmortemAutosave }) {
  const { autosave } = props;
  const [restoredSeen, setRestoredSeen] = useState(false);
  const banners = [];
  if (autosave.conflict) {
    const theirs = autosave.conflict.postmortem;
    banners.push(
      <Alert
        key="conflict"
        severity="warning"
        data-testid="postmortem-conflict"
        action={
          <Box display="flex" style={{ gap: 8 }}>
            <Button color="inherit" size="small" onClick={autosave.loadTheirs}>
              Load their version
            </Button>
            <Button
              color="inherit"
              size="small"
              onClick={autosave.overwriteWithMine}
            >
              Overwrite with mine
            </Button>
          </Box>
        }
      >
        <AlertTitle>Someone else changed this postmortem</AlertTitle>
        It was saved {formatRelative(theirs.updatedAt)} (version{' '}
        {theirs.version}) after you started editing; your changes are kept in
        this browser. Load their version (your unsaved changes are dropped) or
        overwrite it with yours.
      </Alert>,
    );
  }
  if (autosave.staleDraft) {
    const draft = autosave.staleDraft;
    banners.push(
      <Alert
        key="stale"
        severity="info"
        data-testid="postmortem-stale-draft"
        action={
          <Box display="flex" style={{ gap: 8 }}>
            <Button
              color="inherit"
              size="small"
              onClick={autosave.restoreDraft}
            >
              Restore my draft
            </Button>
            <Button
              color="inherit"
              size="small"
              onClick={autosave.discardDraft}
            >
              Discard it
            </Button>
          </Box>
        }
      >
        <AlertTitle>Unsaved changes from this browser</AlertTitle>
        You edited this postmortem
        {draft.editedAt ? ` ${formatRelative(draft.editedAt)}` : ''} (on version{' '}
        {draft.baseVersion}) without those changes reaching the server, and it
        has changed since (now version {autosave.version}). Restoring puts your
        draft in place of the current text.
      </Alert>,
    );
  }
  if (autosave.restoredOnLoad && !restoredSeen) {
    banners.push(
      <Alert
        key="restored"
        severity="info"
        onClose={() => setRestoredSeen(true)}
        data-testid="postmortem-restored"
      >
        Restored changes made in this browser that had not reached the server.
      </Alert>,
    );
  }
  if (autosave.status === 'invalid' && autosave.problems.length > 0) {
    banners.push(
      <Alert key="invalid" severity="error">
        <AlertTitle>Not saved yet</AlertTitle>
        <ul style={{ margin: 0, paddingLeft: 16 }}>
          {autosave.problems.map(problem => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      </Alert>,
    );
  }
  if (autosave.status === 'error') {
    banners.push(
      <Alert
        key="error"
        severity="error"
        action={
          <Button
            color="inherit"
            size="small"
            onClick={() => void autosave.flush()}
          >
            Retry
          </Button>
        }
      >
        Saving failed: {autosave.error}. Your changes are kept in this browser.
      </Alert>,
    );
  }
  if (banners.length === 0) return null;
  return (
    <Box mb={2} display="flex" flexDirection="column" style={{ gap: 8 }}>
      {banners}
    </Box>
  );
}

/**
 * The editor of a postmortem that is not published: the Google SRE template,
 * its timeline and action items, saved as the user types.
 */
export function PostmortemEditor(props: { autosave: PostmortemAutosave }) {
  const { autosave } = props;
  const { fields, update } = autosave;
  const identityApi = useApi(identityApiRef);
  const { value: me } = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );

  const text = (key: (typeof TEXT_SECTIONS)[number]['key']) => ({
    value: fields[key],
    onChange: (value: string) => update(f => ({ ...f, [key]: value })),
  });
  const lesson = (key: keyof LessonsLearned) => ({
    value: fields.lessonsLearned[key],
    onChange: (value: string) =>
      update(f => ({
        ...f,
        lessonsLearned: { ...f.lessonsLearned, [key]: value },
      })),
  });
  const set = <K extends keyof PostmortemFields>(
    key: K,
    value: PostmortemFields[K],
  ) => update(f => ({ ...f, [key]: value }));

  return (
    <>
      <AutosaveBanners autosave={autosave} />
      <Grid container spacing={3} direction="column" wrap="nowrap">
        <Grid item>
          <InfoCard title="Postmortem">
            <TextField
              fullWidth
              required
              variant="outlined"
              margin="dense"
              id="postmortem-title"
              label="Title"
              value={fields.title}
              onChange={e => {
                const value = e.target.value;
                update(f => ({ ...f, title: value }));
              }}
            />
            <EntityRefPicker
              multiple
              margin="dense"
              id="postmortem-authors"
              label="Authors"
              kinds={PERSON_KINDS}
              placeholder="Search users"
              value={fields.authors}
              onChange={authors => set('authors', authors)}
              helperText="Who wrote this postmortem"
            />
            {TEXT_SECTIONS.map(({ key, label }) => (
              <MarkdownField
                key={key}
                {...text(key)}
                id={`postmortem-${key}`}
                label={label}
                helperText={`${SECTION_HINTS[key]} · Markdown`}
              />
            ))}
          </InfoCard>
        </Grid>
        <Grid item>
          <InfoCard title="Lessons learned">
            {LESSONS_SECTIONS.map(({ key, label }) => (
              <MarkdownField
                key={key}
                {...lesson(key)}
                minRows={2}
                id={`postmortem-${key}`}
                label={label}
                helperText={`${SECTION_HINTS[key]} · Markdown`}
              />
            ))}
          </InfoCard>
        </Grid>
        <Grid item>
          <InfoCard title="Action items">
            <ActionItemsEditor
              items={fields.actionItems}
              defaultOwner={me}
              onChange={items => set('actionItems', items)}
            />
          </InfoCard>
        </Grid>
        <Grid item>
          <InfoCard title="Timeline">
            <TimelineEditor
              entries={fields.timeline}
              onChange={entries => set('timeline', entries)}
            />
          </InfoCard>
        </Grid>
        <Grid item>
          <InfoCard title="Supporting information">
            <MarkdownField
              margin="dense"
              id="postmortem-supportingInformation"
              label="Supporting information"
              helperText="Dashboards, graphs, logs, chat threads · Markdown"
              value={fields.supportingInformation}
              onChange={value =>
                update(f => ({ ...f, supportingInformation: value }))
              }
            />
          </InfoCard>
        </Grid>
      </Grid>
    </>
  );
}

/** The hook with the page's API, for the page to hold. */
export function usePostmortemEditor(
  initial: PostmortemDetails,
  onServerState: (details: PostmortemDetails) => void,
  debounceMs?: number,
) {
  const api = useApi(incidentsApiRef);
  return usePostmortemAutosave({
    api,
    initial,
    editable: true,
    debounceMs,
    onServerState,
  });
}
