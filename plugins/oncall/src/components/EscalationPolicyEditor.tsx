import { useApi } from '@backstage/core-plugin-api';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { ReportProblemButton } from '@vigil/frontend-kit';
import { FormEvent, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { onCallApiRef, type EscalationPolicy, type Schedule } from '../api';
import { errorMessage, isConflict } from '../lib/errors';
import {
  policyDraftOf,
  policyRequestOf,
  targetOf,
  type StepDraft,
} from '../lib/policyDraft';

/**
 * An escalation policy's steps (delay, targets) and repeat count, edited in
 * place by the owning group; a new one when `policy` is absent. Saving names
 * the version edited: a 409 says someone else changed it, with a reload.
 */
export function EscalationPolicyEditor(props: {
  ownerRef: string;
  policy?: EscalationPolicy;
  schedules: Schedule[];
  people: string[];
  canEdit: boolean;
  onSaved: (policy: EscalationPolicy) => void;
}) {
  const api = useApi(onCallApiRef);
  const [policy, setPolicy] = useState(props.policy);
  const [draft, setDraft] = useState(() => policyDraftOf(props.policy));
  const request = policyRequestOf(draft, props.ownerRef, policy?.description);
  const prefix = `oncall-policy-${policy?.id ?? 'new'}`;

  // Kept apart from the save's state so a reload can clear it.
  const [error, setError] = useState<unknown>();
  const [state, save] = useAsyncFn(async () => {
    setError(undefined);
    try {
      const saved = policy
        ? await api.updatePolicy(policy.id, {
            ...request!,
            version: policy.version,
          })
        : await api.createPolicy(request!);
      setPolicy(saved);
      setDraft(policyDraftOf(saved));
      props.onSaved(saved);
      return saved;
    } catch (e) {
      setError(e);
      return undefined;
    }
  }, [api, policy, request, props]);
  const [reloading, reload] = useAsyncFn(async () => {
    const fresh = await api.getPolicy(policy!.id);
    setPolicy(fresh);
    setDraft(policyDraftOf(fresh));
    setError(undefined);
  }, [api, policy]);

  const targetLabel = (key: string) => {
    const target = targetOf(key);
    if (target.kind === 'schedule') {
      const name = props.schedules.find(s => s.id === target.ref)?.name;
      return `Schedule: ${name ?? target.ref}`;
    }
    return (
      <>
        {target.kind === 'group' ? 'Group: ' : ''}
        <EntityDisplayName entityRef={target.ref} hideIcon disableTooltip />
      </>
    );
  };
  const options = [
    ...props.schedules.map(s => `schedule|${s.id}`),
    ...props.people.map(ref => `user|${ref}`),
    `group|${props.ownerRef}`,
    ...draft.steps.flatMap(s => s.targets),
  ].filter((key, i, all) => all.indexOf(key) === i);

  const setStep = (index: number, step: StepDraft) =>
    setDraft({
      ...draft,
      steps: draft.steps.map((s, i) => (i === index ? step : s)),
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (request) save();
  };
  const conflict = isConflict(error);

  return (
    <form
      onSubmit={submit}
      aria-label={`Escalation policy ${policy?.name ?? 'new'}`}
    >
      {conflict ? (
        <Alert
          severity="warning"
          action={
            <Button
              color="inherit"
              size="small"
              onClick={() => reload()}
              disabled={reloading.loading}
            >
              Reload
            </Button>
          }
        >
          Someone else changed this policy; reload to see their change, then
          apply yours again.
        </Alert>
      ) : (
        error !== undefined && (
          <Alert
            severity="error"
            action={
              <ReportProblemButton
                error={error}
                entityRef={props.ownerRef}
                variant="text"
              />
            }
          >
            {errorMessage(error)}
          </Alert>
        )
      )}
      {reloading.error && (
        <Alert
          severity="error"
          action={
            <ReportProblemButton
              error={reloading.error}
              entityRef={props.ownerRef}
              variant="text"
            />
          }
        >
          {errorMessage(reloading.error)}
        </Alert>
      )}
      {state.value && error === undefined && (
        <Alert severity="success">Saved (version {state.value.version}).</Alert>
      )}
      <TextField
        id={`${prefix}-name`}
        label="Policy name"
        value={draft.name}
        onChange={e => setDraft({ ...draft, name: e.target.value })}
        disabled={!props.canEdit}
        required
        margin="dense"
      />{' '}
      <TextField
        id={`${prefix}-repeat`}
        label="Run the steps (times)"
        type="number"
        value={draft.repeat}
        onChange={e => setDraft({ ...draft, repeat: Number(e.target.value) })}
        disabled={!props.canEdit}
        inputProps={{ min: 1, max: 10 }}
        margin="dense"
      />
      {draft.steps.map((step, index) => (
        <Box
          key={index}
          display="flex"
          alignItems="flex-start"
          style={{ gap: 8 }}
          role="group"
          aria-label={`Step ${index + 1}`}
        >
          <Typography variant="body2" style={{ paddingTop: 24, minWidth: 50 }}>
            Step {index + 1}
          </Typography>
          <TextField
            id={`${prefix}-step-${index}-delay`}
            label={
              index === 0
                ? 'Minutes after the page'
                : 'Minutes after the previous step'
            }
            type="number"
            value={step.delayMinutes}
            onChange={e =>
              setStep(index, { ...step, delayMinutes: Number(e.target.value) })
            }
            disabled={!props.canEdit}
            inputProps={{ min: 0, max: 1440 }}
            margin="dense"
            style={{ width: 220 }}
          />
          <TextField
            id={`${prefix}-step-${index}-targets`}
            select
            label="Notify"
            value={step.targets}
            onChange={e =>
              setStep(index, {
                ...step,
                targets: e.target.value as unknown as string[],
              })
            }
            SelectProps={{
              multiple: true,
              renderValue: selected =>
                (selected as string[]).map((key, i) => (
                  <span key={key}>
                    {i > 0 && ', '}
                    {targetLabel(key)}
                  </span>
                )),
            }}
            disabled={!props.canEdit}
            error={step.targets.length === 0}
            helperText={
              step.targets.length === 0 ? 'A step needs a target' : undefined
            }
            margin="dense"
            style={{ flex: 1 }}
          >
            {options.map(key => (
              <MenuItem key={key} value={key}>
                {targetLabel(key)}
              </MenuItem>
            ))}
          </TextField>
          {props.canEdit && draft.steps.length > 1 && (
            <Button
              size="small"
              style={{ marginTop: 20 }}
              onClick={() =>
                setDraft({
                  ...draft,
                  steps: draft.steps.filter((_s, i) => i !== index),
                })
              }
            >
              Remove step {index + 1}
            </Button>
          )}
        </Box>
      ))}
      {props.canEdit && (
        <Box display="flex" style={{ gap: 8 }} mt={1}>
          <Button
            size="small"
            onClick={() =>
              setDraft({
                ...draft,
                steps: [...draft.steps, { delayMinutes: 15, targets: [] }],
              })
            }
          >
            Add step
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            size="small"
            disabled={!request || state.loading}
          >
            {policy ? 'Save policy' : 'Create policy'}
          </Button>
        </Box>
      )}
    </form>
  );
}
