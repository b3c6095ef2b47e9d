import { InfoCard } from '@backstage/core-components';
import { FailedRequestAlert, HelpIcon } from '@vigil/frontend-kit';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import {
  userRefSchema,
  INCIDENT_ROLES,
} from '@vigil/backstage-plugin-incidents-common';
import {
  Box,
  Button,
  IconButton,
  Tooltip,
  Typography,
} from '@material-ui/core';
import CloseIcon from '@material-ui/icons/Close';
import EditIcon from '@material-ui/icons/Edit';
import { FormEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import type { Incident, IncidentRole } from '../../api/types';
import { ROLE_LABELS } from '../../lib/format';
import { EntityRefText } from '../EntityRefs';
import { EntityRefPicker, PERSON_KINDS } from '../EntityRefPicker';
import type { ApplyChanges } from './IncidentControls';

function RoleRow(props: {
  role: IncidentRole;
  incident: Incident;
  me?: string;
  canEdit: boolean;
  busy: boolean;
  onApply: ApplyChanges;
}) {
  const { role, incident, me, canEdit, busy, onApply } = props;
  const label = ROLE_LABELS[role];
  const assignee = incident.roles[role];
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [baseVersion, setBaseVersion] = useState(incident.version);
  // `error` when the request failed (to report), not for a bad entry.
  const [error, setError] = useState<{ message: string; error?: unknown }>();

  const assign = async (ref: string | null, version?: number) => {
    setError(undefined);
    const result = await onApply({ roles: { [role]: ref } }, version);
    if (result.ok || result.conflict) setEditing(false);
    else setError({ message: result.message, error: result.error });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ref = value.trim();
    if (!ref) {
      await assign(null, baseVersion);
      return;
    }
    const parsed = userRefSchema.safeParse(ref);
    if (!parsed.success) {
      setError({
        message: parsed.error.issues[0]?.message ?? 'Not a user reference',
      });
      return;
    }
    if (ref === assignee) {
      setEditing(false);
      return;
    }
    await assign(ref, baseVersion);
  };

  return (
    <Box py={1} data-testid={`role-${role}`}>
      <Typography variant="overline" color="textSecondary" component="div">
        {label}
      </Typography>
      {editing ? (
        <form onSubmit={submit} noValidate>
          <EntityRefPicker
            size="small"
            id={`incident-role-${role}`}
            label={label}
            kinds={PERSON_KINDS}
            placeholder="Search users"
            value={value}
            error={Boolean(error)}
            helperText={error?.message ?? 'A user; empty to unassign'}
            onChange={ref => {
              setValue(ref);
              setError(undefined);
            }}
          />
          <Box mt={1} display="flex" style={{ gap: 8 }}>
            <Button
              type="submit"
              size="small"
              color="primary"
              variant="contained"
              disabled={busy}
            >
              Save
            </Button>
            <Button size="small" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </Box>
        </form>
      ) : (
        <Box display="flex" alignItems="center" flexWrap="wrap">
          <Box flexGrow={1}>
            {assignee ? (
              <EntityRefText entityRef={assignee} />
            ) : (
              <Typography variant="body2" color="textSecondary">
                Unassigned
              </Typography>
            )}
          </Box>
          {canEdit && (
            <>
              {me && me !== assignee && (
                <Button
                  size="small"
                  disabled={busy}
                  aria-label={`Assign me as ${label}`}
                  onClick={() => assign(me)}
                >
                  Assign me
                </Button>
              )}
              <Tooltip title={`Change ${label}`}>
                <IconButton
                  size="small"
                  aria-label={`Change ${label}`}
                  disabled={busy}
                  onClick={() => {
                    setValue(assignee ?? '');
                    setBaseVersion(incident.version);
                    setError(undefined);
                    setEditing(true);
                  }}
                >
                  <EditIcon fontSize="small" />
                </IconButton>
              </Tooltip>
              {assignee && (
                <Tooltip title={`Unassign ${label}`}>
                  <IconButton
                    size="small"
                    aria-label={`Unassign ${label}`}
                    disabled={busy}
                    onClick={() => assign(null)}
                  >
                    <CloseIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
              )}
            </>
          )}
        </Box>
      )}
      {!editing && error && (
        <Box mt={1}>
          <FailedRequestAlert error={error.error}>
            {error.message}
          </FailedRequestAlert>
        </Box>
      )}
    </Box>
  );
}

/** Commander, communications lead and scribe, with "assign me". */
export function RolesPanel(props: {
  incident: Incident;
  canEdit: boolean;
  busy: boolean;
  onApply: ApplyChanges;
}) {
  const identityApi = useApi(identityApiRef);
  const { value: me } = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  return (
    <InfoCard
      title="Roles"
      action={<HelpIcon topic="incident-roles" />}
      noPadding={false}
    >
      {INCIDENT_ROLES.map(role => (
        <RoleRow
          key={role}
          role={role}
          incident={props.incident}
          me={me}
          canEdit={props.canEdit}
          busy={props.busy}
          onApply={props.onApply}
        />
      ))}
    </InfoCard>
  );
}
