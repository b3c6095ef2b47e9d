import {
  Content,
  Header,
  Link,
  Page,
  Progress,
} from '@backstage/core-components';
import {
  FailedRequestAlert,
  HelpIcon,
  ReportableErrorPanel,
} from '@vigil/frontend-kit';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Typography,
} from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { isAllowedPostmortemTransition } from '@vigil/backstage-plugin-incidents-common';
import { useCallback, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { incidentsApiRef } from '../../api/IncidentsApi';
import { errorMessage, isConflictError } from '../../api/errors';
import type { PostmortemDetails, PostmortemState } from '../../api/types';
import { fileNameFor, formatRelative } from '../../lib/format';
import { useIncidentLinks } from '../../lib/links';
import { postmortemGuidance } from '../../lib/postmortemFields';
import { scrollToField } from '../../lib/scrollToField';
import { useIncidentSignal } from '../../lib/useIncidentSignal';
import type { PostmortemAutosave } from '../../lib/usePostmortemAutosave';
import { PostmortemStateChip, SeverityChip, StatusChip } from '../Chips';
import { PostmortemPanel } from '../incident/IncidentPanels';
import {
  describeProblems,
  firstProblemFieldId,
  PostmortemEditor,
  SaveIndicator,
  usePostmortemEditor,
} from './PostmortemEditor';
import { PostmortemView } from './PostmortemView';

/** Downloads text as a file; fetchApi adds auth, so a plain link would not do. */
function downloadText(text: string, fileName: string) {
  const url = URL.createObjectURL(
    new Blob([text], { type: 'text/markdown;charset=utf-8' }),
  );
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // Let the browser start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const STATE_ACTIONS: Array<{
  to: PostmortemState;
  label: string;
  /** "fix it before …" */
  doing: string;
}> = [
  {
    to: 'in_review',
    label: 'Submit for review',
    doing: 'submitting for review',
  },
  { to: 'draft', label: 'Back to draft', doing: 'going back to draft' },
  { to: 'published', label: 'Publish', doing: 'publishing' },
];

const doingOf = (to: PostmortemState) =>
  STATE_ACTIONS.find(a => a.to === to)?.doing ?? 'changing the state';

/** State buttons and export, above the editor or the published text. */
function Toolbar(props: {
  details: PostmortemDetails;
  autosave?: PostmortemAutosave;
  onDetails: (details: PostmortemDetails) => void;
}) {
  const { details, autosave, onDetails } = props;
  const { postmortem, permissions } = details;
  const api = useApi(incidentsApiRef);
  const [busy, setBusy] = useState(false);
  // `error` when a request failed (to report); not for what the user must fix.
  const [error, setError] = useState<{ message: string; error?: unknown }>();
  const [confirmPublish, setConfirmPublish] = useState(false);

  /**
   * Whether a change that cannot be saved (an invalid field) keeps the state
   * from changing; if so, says which and takes the user to it.
   */
  const refuseUnsaved = (to: PostmortemState): boolean => {
    // Going back to draft keeps editing going; the edits follow as usual.
    if (!autosave || to === 'draft' || autosave.problems.length === 0) {
      return false;
    }
    setError({
      message: `${describeProblems(autosave)} — fix it before ${doingOf(to)}.`,
    });
    autosave.revealProblems();
    const id = firstProblemFieldId(autosave);
    if (id) scrollToField(id, { focus: true });
    return true;
  };

  const changeState = async (to: PostmortemState) => {
    if (refuseUnsaved(to)) return;
    setBusy(true);
    setError(undefined);
    try {
      // The state change is based on the saved text: save what is pending.
      if (autosave && !(await autosave.flush()) && to !== 'draft') {
        setError({
          message: `Your changes are not all saved yet (see above), so ${doingOf(
            to,
          )} has to wait; they are kept in this browser. Try again once they are saved.`,
        });
        return;
      }
      const result = await api.changePostmortemState(postmortem.id, {
        state: to,
        // The version the flush just saved, not the one of this render.
        expectedVersion: autosave?.currentVersion() ?? postmortem.version,
      });
      autosave?.applyServerState(result, true);
      onDetails(result);
    } catch (e) {
      if (isConflictError<PostmortemDetails>(e)) {
        if (!autosave || autosave.applyServerState(e.current)) {
          onDetails(e.current);
        }
        setError({
          message:
            'Someone else changed the postmortem meanwhile; the page shows their version. Check it and try again.',
        });
      } else {
        setError({ message: errorMessage(e), error: e });
      }
    } finally {
      setBusy(false);
    }
  };

  const exportMarkdown = async () => {
    setBusy(true);
    setError(undefined);
    try {
      if (autosave) await autosave.flush();
      const markdown = await api.getPostmortemMarkdown(postmortem.id);
      downloadText(
        markdown,
        fileNameFor(autosave?.fields.title ?? postmortem.title, 'md'),
      );
    } catch (e) {
      setError({ message: errorMessage(e), error: e });
    } finally {
      setBusy(false);
    }
  };

  // Invalid fields do not disable the buttons: clicking says what to fix.
  const blocked =
    busy || autosave?.status === 'conflict' || Boolean(autosave?.staleDraft);
  const actions = permissions.update
    ? STATE_ACTIONS.filter(a =>
        isAllowedPostmortemTransition(postmortem.state, a.to),
      )
    : [];

  return (
    <Box mb={2}>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 12 }}
      >
        <PostmortemStateChip state={postmortem.state} />
        {autosave ? (
          <SaveIndicator autosave={autosave} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            {postmortem.state === 'published'
              ? 'Published postmortems are final and read-only.'
              : 'Read-only: you may not edit this postmortem.'}
          </Typography>
        )}
        <Box flexGrow={1} />
        {actions.map(action => (
          <Button
            key={action.to}
            variant={action.to === 'published' ? 'contained' : 'outlined'}
            color={action.to === 'published' ? 'primary' : 'default'}
            disabled={blocked}
            onClick={() => {
              if (action.to !== 'published') void changeState(action.to);
              else if (!refuseUnsaved(action.to)) setConfirmPublish(true);
            }}
          >
            {action.label}
          </Button>
        ))}
        <Button
          variant="outlined"
          startIcon={<GetAppIcon />}
          disabled={busy}
          onClick={exportMarkdown}
        >
          Export Markdown
        </Button>
      </Box>
      {error && (
        <Box mt={2}>
          <FailedRequestAlert
            error={error.error}
            onClose={() => setError(undefined)}
          >
            {error.message}
          </FailedRequestAlert>
        </Box>
      )}
      <Dialog
        open={confirmPublish}
        onClose={() => setConfirmPublish(false)}
        aria-labelledby="publish-postmortem-title"
      >
        <DialogTitle id="publish-postmortem-title">
          Publish postmortem?
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            A published postmortem is final: nobody can edit it any more. Action
            items can still be updated by their owners.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmPublish(false)}>Cancel</Button>
          <Button
            color="primary"
            variant="contained"
            onClick={() => {
              setConfirmPublish(false);
              void changeState('published');
            }}
          >
            Publish
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

function PostmortemHeader(props: {
  details: PostmortemDetails;
  title: string;
}) {
  const links = useIncidentLinks();
  const { incident } = props.details;
  return (
    <Header
      title={`Postmortem: ${props.title}`}
      pageTitleOverride={`Postmortem: ${props.title}`}
      type="Incident"
      typeLink={links.incident(incident.id)}
      subtitle={
        <>
          {incident.title} ({incident.id}) · {incident.severity} ·{' '}
          {incident.status} · updated{' '}
          {formatRelative(props.details.postmortem.updatedAt)}
        </>
      }
    >
      <HelpIcon topic="postmortem" />
    </Header>
  );
}

function IncidentLine(props: { details: PostmortemDetails }) {
  const links = useIncidentLinks();
  const { incident } = props.details;
  return (
    <Box display="flex" alignItems="center" mb={2} style={{ gap: 8 }}>
      <SeverityChip severity={incident.severity} />
      <StatusChip status={incident.status} />
      <Link to={links.incident(incident.id)}>Back to the incident</Link>
    </Box>
  );
}

function EditablePostmortem(props: {
  details: PostmortemDetails;
  onDetails: (details: PostmortemDetails) => void;
}) {
  const { details, onDetails } = props;
  const api = useApi(incidentsApiRef);
  const autosave = usePostmortemEditor(details, onDetails);
  // The template's prompts, as loaded (a saved section no longer has them).
  const [guidance] = useState(() => postmortemGuidance(details.postmortem));
  const autosaveRef = useRef(autosave);
  autosaveRef.current = autosave;

  // Live: take another session's save when we have nothing unsaved.
  useIncidentSignal(signal => {
    if (
      signal.type !== 'postmortem_updated' ||
      signal.incidentId !== details.incident.id ||
      autosaveRef.current.status !== 'saved'
    ) {
      return;
    }
    api.getPostmortem(details.postmortem.id).then(
      fresh => {
        if (autosaveRef.current.applyServerState(fresh)) onDetails(fresh);
      },
      () => {
        // The next save will tell (a conflict) if it really changed.
      },
    );
  });

  return (
    <Page themeId="tool">
      <PostmortemHeader
        details={details}
        title={autosave.fields.title || details.postmortem.title}
      />
      <Content>
        <IncidentLine details={details} />
        <Toolbar details={details} autosave={autosave} onDetails={onDetails} />
        <PostmortemEditor autosave={autosave} guidance={guidance} />
      </Content>
    </Page>
  );
}

function ReadOnlyPostmortem(props: {
  details: PostmortemDetails;
  onDetails: (details: PostmortemDetails) => void;
}) {
  const { details, onDetails } = props;
  const api = useApi(incidentsApiRef);
  useIncidentSignal(signal => {
    if (
      signal.type !== 'postmortem_updated' ||
      signal.incidentId !== details.incident.id
    ) {
      return;
    }
    api.getPostmortem(details.postmortem.id).then(onDetails, () => {});
  });
  return (
    <Page themeId="tool">
      <PostmortemHeader details={details} title={details.postmortem.title} />
      <Content>
        <IncidentLine details={details} />
        <Toolbar details={details} onDetails={onDetails} />
        <PostmortemView postmortem={details.postmortem} />
      </Content>
    </Page>
  );
}

/** The postmortem of `/incidents/:incidentId/postmortem`. */
export function PostmortemPage() {
  const { incidentId = '' } = useParams();
  const api = useApi(incidentsApiRef);
  const links = useIncidentLinks();
  const [loaded, setDetails] = useState<PostmortemDetails>();
  const details = loaded?.incident.id === incidentId ? loaded : undefined;
  const onDetails = useCallback(
    (next: PostmortemDetails) =>
      setDetails(current =>
        current && next.postmortem.version < current.postmortem.version
          ? current
          : next,
      ),
    [],
  );

  const {
    value: incidentDetails,
    loading,
    error,
  } = useAsync(async () => {
    const incident = await api.getIncident(incidentId);
    if (incident.postmortem) {
      setDetails(await api.getPostmortem(incident.postmortem.id));
    }
    return incident;
  }, [api, incidentId]);

  if (details) {
    const editable =
      details.permissions.update && details.postmortem.state !== 'published';
    return editable ? (
      <EditablePostmortem
        key={details.postmortem.id}
        details={details}
        onDetails={onDetails}
      />
    ) : (
      <ReadOnlyPostmortem details={details} onDetails={onDetails} />
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Postmortem"
        type="Incident"
        typeLink={links.incident(incidentId)}
      >
        <HelpIcon topic="postmortem" />
      </Header>
      <Content>
        {error && <ReportableErrorPanel error={error} />}
        {loading && <Progress />}
        {incidentDetails && !incidentDetails.postmortem && (
          <Box maxWidth={480}>
            <PostmortemPanel details={incidentDetails} onOpen={setDetails} />
          </Box>
        )}
      </Content>
    </Page>
  );
}
