import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
} from '@backstage/core-components';
import {
  FailedRequestAlert,
  HelpIcon,
  ReportableErrorPanel,
} from '@vigil/frontend-kit';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { useCallback, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { incidentsApiRef } from '../../api/IncidentsApi';
import { errorMessage, isConflictError } from '../../api/errors';
import type {
  AddLinkRequest,
  IncidentChanges,
  IncidentDetails,
} from '../../api/types';
import { formatRelative, ROLE_LABELS, STATUS_LABELS } from '../../lib/format';
import { useIncidentLinks } from '../../lib/links';
import { useIncidentsConfig } from '../../lib/useIncidentsConfig';
import { useIncidentSignal } from '../../lib/useIncidentSignal';
import { SeverityChip, StatusChip } from '../Chips';
import { EntityRefText } from '../EntityRefs';
import { Markdown } from '../Markdown';
import {
  ApplyChanges,
  ApplyResult,
  IncidentControls,
} from './IncidentControls';
import {
  AffectedEntitiesPanel,
  AlertsPanel,
  LifecyclePanel,
  PostmortemPanel,
} from './IncidentPanels';
import { AcknowledgementState } from './AcknowledgementState';
import { AddLinkForm, AddNoteForm, IncidentTimeline } from './IncidentTimeline';
import { PagingPanel } from './PagingPanel';
import { RolesPanel } from './RolesPanel';
import { TakeCommandButton } from './TakeCommandButton';
import { WhoCanActNotice } from './WhoCanActNotice';
import { WhatChangedPanel } from './WhatChangedPanel';

/** "status → resolved, severity → SEV1": what a change set would do. */
export function describeChanges(changes: IncidentChanges): string {
  const parts: string[] = [];
  if (changes.status) parts.push(`status → ${STATUS_LABELS[changes.status]}`);
  if (changes.severity) parts.push(`severity → ${changes.severity}`);
  if (changes.title !== undefined) parts.push(`title → "${changes.title}"`);
  if (changes.summary !== undefined) parts.push('summary edited');
  if (changes.entityRefs) {
    parts.push(`affected entities → ${changes.entityRefs.join(', ')}`);
  }
  for (const [role, ref] of Object.entries(changes.roles ?? {})) {
    const label = ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? role;
    parts.push(ref ? `${label} → ${ref}` : `${label} unassigned`);
  }
  return parts.join(', ');
}

function ConflictBanner(props: {
  changes: IncidentChanges;
  current: IncidentDetails;
  busy: boolean;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const { incident } = props.current;
  return (
    <Alert
      severity="warning"
      data-testid="incident-conflict"
      action={
        <Box display="flex" style={{ gap: 8 }}>
          <Button
            color="inherit"
            size="small"
            disabled={props.busy}
            onClick={props.onReapply}
          >
            Reapply my change
          </Button>
          <Button color="inherit" size="small" onClick={props.onDiscard}>
            Discard
          </Button>
        </Box>
      }
    >
      <AlertTitle>Someone else changed this incident</AlertTitle>
      Your change ({describeChanges(props.changes)}) was not applied. The page
      now shows the current state (version {incident.version}: status{' '}
      {STATUS_LABELS[incident.status]}, severity {incident.severity}, updated{' '}
      {formatRelative(incident.updatedAt)}). Reapply your change on top of it,
      or discard it.
    </Alert>
  );
}

/** One incident: state and controls, timeline, alerts, roles and links. */
export function IncidentPage() {
  const { incidentId = '' } = useParams();
  const api = useApi(incidentsApiRef);
  const links = useIncidentLinks();
  const { config } = useIncidentsConfig();
  const [loaded, setDetailsState] = useState<IncidentDetails>();
  // Until another incident (same page, new URL) has loaded, show none.
  const details = loaded?.incident.id === incidentId ? loaded : undefined;
  const detailsRef = useRef<IncidentDetails>();
  const [busy, setBusy] = useState(false);
  // `error` when a request failed (to report), not for a conflict.
  const [actionError, setActionError] = useState<{
    message: string;
    error?: unknown;
  }>();
  const [conflict, setConflict] = useState<{ changes: IncidentChanges }>();

  const setDetails = useCallback((next: IncidentDetails) => {
    detailsRef.current = next;
    setDetailsState(next);
  }, []);

  const { loading, error } = useAsync(async () => {
    setDetails(await api.getIncident(incidentId));
  }, [api, incidentId]);

  // Live: reload when the backend says this incident changed.
  useIncidentSignal(signal => {
    const shown = detailsRef.current;
    if (!shown || signal.incidentId !== shown.incident.id) return;
    if (
      signal.type === 'incident_updated' &&
      signal.version !== undefined &&
      signal.version <= shown.incident.version
    ) {
      return;
    }
    api.getIncident(incidentId).then(
      fresh => {
        const now = detailsRef.current;
        // A slower reload must not undo a newer answer.
        if (!now || fresh.incident.version >= now.incident.version) {
          setDetails(fresh);
        }
      },
      () => {
        // Keep showing what we have; the next signal or a reload retries.
      },
    );
  });

  const apply: ApplyChanges = useCallback(
    async (changes, baseVersion): Promise<ApplyResult> => {
      const shown = detailsRef.current;
      if (!shown) return { ok: false, conflict: false, message: 'Not loaded' };
      setBusy(true);
      setActionError(undefined);
      try {
        const next = await api.updateIncident(shown.incident.id, {
          ...changes,
          expectedVersion: baseVersion ?? shown.incident.version,
        });
        setDetails(next);
        setConflict(undefined);
        return { ok: true };
      } catch (e) {
        if (isConflictError<IncidentDetails>(e)) {
          setDetails(e.current);
          setConflict({ changes });
          return { ok: false, conflict: true, message: e.message };
        }
        const message = errorMessage(e);
        setActionError({ message, error: e });
        return { ok: false, conflict: false, message, error: e };
      } finally {
        setBusy(false);
      }
    },
    [api, setDetails],
  );

  /** Acknowledge or take command: one request on the version shown. */
  const act = async (
    call: (incidentId: string, version: number) => Promise<IncidentDetails>,
  ) => {
    const shown = detailsRef.current;
    if (!shown) return;
    setBusy(true);
    setActionError(undefined);
    try {
      setDetails(await call(shown.incident.id, shown.incident.version));
    } catch (e) {
      if (isConflictError<IncidentDetails>(e)) {
        // Already done by someone else, or changed meanwhile: show it.
        setDetails(e.current);
        setActionError({
          message: `${e.message}. The page now shows the current state.`,
        });
      } else {
        setActionError({ message: errorMessage(e), error: e });
      }
    } finally {
      setBusy(false);
    }
  };
  const acknowledge = () =>
    act((id, version) => api.acknowledgeIncident(id, version));
  const takeCommand = () => act((id, version) => api.takeCommand(id, version));

  const addNote = async (text: string) => {
    try {
      setDetails(await api.addNote(incidentId, text));
      return undefined;
    } catch (e) {
      return errorMessage(e);
    }
  };
  const addLink = async (link: AddLinkRequest) => {
    try {
      setDetails(await api.addLink(incidentId, link));
      return undefined;
    } catch (e) {
      return errorMessage(e);
    }
  };

  if (!details) {
    return (
      <Page themeId="tool">
        <Header title="Incident" type="Incidents" typeLink={links.root} />
        <Content>
          {error ? (
            <ReportableErrorPanel error={error} />
          ) : (
            loading && <Progress />
          )}
        </Content>
      </Page>
    );
  }

  const { incident, permissions } = details;
  const closed = incident.status === 'closed';
  const canEdit = permissions.update && !closed;
  const canTakeCommand =
    permissions.takeCommand && !closed && !incident.roles.commander;
  const postmortemState = details.postmortem?.state ?? incident.postmortemState;

  return (
    <Page themeId="tool">
      <Header
        title={incident.title}
        pageTitleOverride={`${incident.title} · Incident`}
        type="Incidents"
        typeLink={links.root}
        subtitle={
          <>
            {incident.id} · declared{' '}
            {formatRelative(incident.timestamps.declaredAt)} by{' '}
            <EntityRefText entityRef={incident.createdBy} />
          </>
        }
      >
        <HelpIcon topic="incident" />
      </Header>
      <Content>
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          mb={2}
          style={{ gap: 12 }}
        >
          <SeverityChip
            severity={incident.severity}
            severities={config.severities}
            showName
          />
          <HelpIcon topic="incident-severity" />
          <StatusChip status={incident.status} />
          <HelpIcon topic="incident-status" />
          <Typography
            variant="caption"
            color="textSecondary"
            style={{ flexGrow: 1 }}
          >
            version {incident.version} · updated{' '}
            {formatRelative(incident.updatedAt)}
          </Typography>
          {canTakeCommand && (
            <TakeCommandButton busy={busy} onTakeCommand={takeCommand} />
          )}
          {canEdit && (
            <IncidentControls
              incident={incident}
              postmortemState={postmortemState}
              config={config}
              busy={busy}
              onApply={apply}
            />
          )}
        </Box>
        <AcknowledgementState
          incident={incident}
          canAcknowledge={permissions.acknowledge && !closed}
          busy={busy}
          onAcknowledge={acknowledge}
        />
        {!permissions.update && !closed && (
          <Box mb={2}>
            <WhoCanActNotice
              details={details}
              canTakeCommand={canTakeCommand}
            />
          </Box>
        )}
        {conflict && (
          <Box mb={2}>
            <ConflictBanner
              changes={conflict.changes}
              current={details}
              busy={busy}
              onReapply={() => void apply(conflict.changes)}
              onDiscard={() => setConflict(undefined)}
            />
          </Box>
        )}
        {actionError && (
          <Box mb={2}>
            <FailedRequestAlert
              error={actionError.error}
              onClose={() => setActionError(undefined)}
            >
              {actionError.message}
            </FailedRequestAlert>
          </Box>
        )}
        {closed && (
          <Box mb={2}>
            <Alert severity="info">
              This incident is closed; it can no longer be changed.
            </Alert>
          </Box>
        )}
        <Grid container spacing={3}>
          <Grid item xs={12} md={8}>
            <Grid container spacing={3} direction="column" wrap="nowrap">
              <Grid item>
                <InfoCard
                  title="Summary"
                  action={<HelpIcon topic="declare-incident" />}
                >
                  <Markdown text={incident.summary} empty="No summary yet." />
                </InfoCard>
              </Grid>
              <Grid item>
                <WhatChangedPanel incident={incident} />
              </Grid>
              <Grid item>
                <InfoCard
                  title="Timeline"
                  action={<HelpIcon topic="incident-timeline" />}
                >
                  <IncidentTimeline
                    timeline={details.timeline}
                    postmortemLink={links.postmortem(incident.id)}
                  />
                  {canEdit && (
                    <Box mt={2}>
                      <AddNoteForm onAdd={addNote} />
                      <Box mt={2}>
                        <AddLinkForm onAdd={addLink} />
                      </Box>
                    </Box>
                  )}
                </InfoCard>
              </Grid>
              <Grid item>
                <AlertsPanel alerts={details.alerts} />
              </Grid>
            </Grid>
          </Grid>
          <Grid item xs={12} md={4}>
            <Grid container spacing={3} direction="column" wrap="nowrap">
              <Grid item>
                <PagingPanel details={details} />
              </Grid>
              <Grid item>
                <PostmortemPanel details={details} />
              </Grid>
              <Grid item>
                <RolesPanel
                  incident={incident}
                  canEdit={canEdit}
                  busy={busy}
                  onApply={apply}
                />
              </Grid>
              <Grid item>
                <LifecyclePanel details={details} />
              </Grid>
              <Grid item>
                <AffectedEntitiesPanel details={details} />
              </Grid>
            </Grid>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
