import { Button, Tooltip } from '@material-ui/core';
import AssignmentIndIcon from '@material-ui/icons/AssignmentInd';

/**
 * "Take command": the caller becomes the commander of an incident that has
 * none. Shown only when the backend says the caller may (a member of a group
 * owning an affected entity).
 */
export function TakeCommandButton(props: {
  busy: boolean;
  onTakeCommand: () => void;
}) {
  return (
    <Tooltip title="This incident has no commander: become its commander">
      <span>
        <Button
          variant="contained"
          color="primary"
          startIcon={<AssignmentIndIcon />}
          disabled={props.busy}
          onClick={props.onTakeCommand}
        >
          Take command
        </Button>
      </span>
    </Tooltip>
  );
}
