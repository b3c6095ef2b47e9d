import { Alert, AlertTitle } from '@material-ui/lab';
import type { IncidentDetails } from '../../api/types';
import { EntityRefList, EntityRefText } from '../EntityRefs';

/**
 * For someone who may not change the incident: why there are no controls,
 * and who can act instead (the owners of the affected entities and the
 * commander), as links to their catalog pages.
 */
export function WhoCanActNotice(props: {
  details: IncidentDetails;
  /** The caller may take command (the button is shown with the controls). */
  canTakeCommand: boolean;
}) {
  const { incident, ownerRefs } = props.details;
  const commander = incident.roles.commander;
  return (
    <Alert severity="info" data-testid="incident-who-can-act">
      <AlertTitle>You can&apos;t change this incident</AlertTitle>
      {ownerRefs.length > 0 ? (
        <>
          It can be changed by the owners of its affected entities (
          <EntityRefList entityRefs={ownerRefs} />)
        </>
      ) : (
        <>No owner is recorded for its affected entities; it can be changed</>
      )}{' '}
      {commander ? (
        <>
          and by its commander, <EntityRefText entityRef={commander} />.
        </>
      ) : (
        <>and by its commander, but it has none yet.</>
      )}{' '}
      {props.canTakeCommand
        ? 'As a member of an owning group, you can take command.'
        : 'Ask one of them to make the change, or to make you a member of an owning group.'}
    </Alert>
  );
}
