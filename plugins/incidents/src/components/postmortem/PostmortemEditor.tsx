import { InfoCard } from '@backstage/core-components';
import { HelpIcon, ReportProblemButton } from '@vigil/frontend-kit';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  CircularProgress,
  Grid,
  Link as MuiLink,
  makeStyles,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import CheckIcon from '@material-ui/icons/Check';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import EditIcon from '@material-ui/icons/Edit';
import { useEffect, useMemo, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { incidentsApiRef } from '../../api/IncidentsApi';
import type { PostmortemDetails } from '../../api/types';
import { formatRelative } from '../../lib/format';
import {
  LESSONS_SECTIONS,
  LessonsLearned,
  PostmortemFields,
  problemFieldId,
  SectionKey,
  TEXT_SECTIONS,
} from '../../lib/postmortemFields';
import { scrollToField } from '../../lib/scrollToField';
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

const SECTION_HINTS: Record<SectionKey, string> = {
  summary: 'What happened, in a few sentences',
  impact: 'Who was affected and how: users, revenue, SLOs',
  rootCauses: 'Why it happened; keep asking why',
  trigger: 'What set it off',
  resolution: 'What was done to mitigate and fix it',
  detection: 'How it was noticed, and how it could be noticed sooner',
  whatWentWell: 'What helped',
  whatWentWrong: 'What made it worse or slower',
  whereWeGotLucky: 'What could have gone worse',
  supportingInformation: 'Dashboards, graphs, logs, chat threads',
};

const STATUS_TEXT: Record<Exclude<SaveStatus, 'error' | 'invalid'>, string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  conflict: 'Not saved: someone else changed this postmortem',
};

/** "Action item 2: title is required (and 1 more problem)". */
export function describeProblems(autosave: PostmortemAutosave): string {
  const [first, ...rest] = autosave.problems;
  if (!first) return '';
  if (rest.length === 0) return first.text;
  return `${first.text} (and ${rest.length} more ${
    rest.length === 1 ? 'problem' : 'problems'
  })`;
}

/** The DOM id of the first field with a problem, if any. */
export function firstProblemFieldId(
  autosave: PostmortemAutosave,
): string | undefined {
  const first = autosave.problems[0];
  return first ? problemFieldId(first, autosave.fields) : undefined;
}

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
      {status === 'error' &&
        `Not saved: ${error ?? 'the server did not answer'}`}
      {status === 'invalid' &&
        `Not saved: ${describeProblems(
          props.autosave,
        )}; everything else is saved`}
      {status !== 'error' && status !== 'invalid' && STATUS_TEXT[status]}
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
  if (autosave.showProblems && autosave.problems.length > 0) {
    banners.push(
      <Alert key="invalid" severity="error" data-testid="postmortem-problems">
        <AlertTitle>
          {autosave.problems.length === 1
            ? 'One change is not saved yet'
            : `${autosave.problems.length} changes are not saved yet`}
        </AlertTitle>
        Everything else is saved. These are kept in this browser and saved once
        fixed:
        <ul style={{ margin: 0, paddingLeft: 16 }}>
          {autosave.problems.map((problem, index) => (
            <li key={`${index}:${problem.path.join('.')}`}>
              <MuiLink
                component="button"
                variant="body2"
                color="inherit"
                underline="always"
                style={{ textAlign: 'left' }}
                onClick={() =>
                  scrollToField(problemFieldId(problem, autosave.fields), {
                    focus: true,
                  })
                }
              >
                {problem.text}
              </MuiLink>
            </li>
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
          <Box display="flex" style={{ gap: 8 }}>
            <ReportProblemButton
              error={autosave.failure ?? autosave.error}
              variant="text"
            />
            <Button
              color="inherit"
              size="small"
              onClick={() => void autosave.flush()}
            >
              Retry
            </Button>
          </Box>
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
export function PostmortemEditor(props: {
  autosave: PostmortemAutosave;
  /** The template's guidance per section (from its HTML comments). */
  guidance?: Partial<Record<SectionKey, string>>;
}) {
  const { autosave } = props;
  const { fields, update } = autosave;
  const guidance = props.guidance ?? {};
  const hint = (key: SectionKey) => guidance[key] ?? SECTION_HINTS[key];
  // The guidance is the placeholder of an empty field, and below it once
  // the field has text.
  const help = (key: SectionKey, value: string) =>
    value ? `${hint(key)} · Markdown` : 'Markdown';

  // Each problem on its field, once they are to be pointed out.
  const fieldProblems = useMemo(() => {
    const byId = new Map<string, string>();
    if (!autosave.showProblems) return byId;
    for (const problem of autosave.problems) {
      const id = problemFieldId(problem, fields);
      if (!byId.has(id)) byId.set(id, problem.fieldMessage);
    }
    return byId;
  }, [autosave.showProblems, autosave.problems, fields]);
  const problemFor = (id: string) => fieldProblems.get(id);

  // Saving held something back: bring the first such field into view (once
  // per problem, and not while the user is typing elsewhere).
  const heldBack = autosave.status === 'invalid' && autosave.showProblems;
  const firstId = heldBack ? firstProblemFieldId(autosave) : undefined;
  const scrolledTo = useRef<string>();
  useEffect(() => {
    if (!firstId) {
      if (autosave.problems.length === 0) scrolledTo.current = undefined;
      return;
    }
    if (scrolledTo.current === firstId) return;
    if (scrollToField(firstId, { unlessTypingElsewhere: true })) {
      scrolledTo.current = firstId;
    }
  }, [firstId, autosave.problems.length]);

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
          <InfoCard title="Postmortem" action={<HelpIcon topic="postmortem" />}>
            <TextField
              fullWidth
              required
              variant="outlined"
              margin="dense"
              id="postmortem-title"
              label="Title"
              value={fields.title}
              error={Boolean(problemFor('postmortem-title'))}
              helperText={problemFor('postmortem-title')}
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
              error={Boolean(problemFor('postmortem-authors'))}
              helperText={
                problemFor('postmortem-authors') ?? 'Who wrote this postmortem'
              }
            />
            {TEXT_SECTIONS.map(({ key, label }) => (
              <MarkdownField
                key={key}
                {...text(key)}
                id={`postmortem-${key}`}
                label={label}
                placeholder={hint(key)}
                error={problemFor(`postmortem-${key}`)}
                helperText={help(key, fields[key])}
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
                placeholder={hint(key)}
                error={problemFor(`postmortem-${key}`)}
                helperText={help(key, fields.lessonsLearned[key])}
              />
            ))}
          </InfoCard>
        </Grid>
        <Grid item>
          <InfoCard
            title="Action items"
            action={<HelpIcon topic="action-items" />}
          >
            <ActionItemsEditor
              items={fields.actionItems}
              defaultOwner={me}
              onChange={items => set('actionItems', items)}
              problemFor={problemFor}
            />
          </InfoCard>
        </Grid>
        <Grid item>
          <InfoCard title="Timeline">
            <TimelineEditor
              entries={fields.timeline}
              onChange={entries => set('timeline', entries)}
              problemFor={problemFor}
            />
          </InfoCard>
        </Grid>
        <Grid item>
          <InfoCard title="Supporting information">
            <MarkdownField
              margin="dense"
              id="postmortem-supportingInformation"
              label="Supporting information"
              placeholder={hint('supportingInformation')}
              error={problemFor('postmortem-supportingInformation')}
              helperText={help(
                'supportingInformation',
                fields.supportingInformation,
              )}
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
