import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { ReportProblemButton } from './ReportProblemButton';

/** @public */
export interface ReportableErrorPanelProps {
  error: Error;
  defaultExpanded?: boolean;
  title?: string;
  titleFormat?: string;
  /** The entity the page is about, when the caller knows it. */
  entityRef?: string;
}

/**
 * Core-components' `ResponseErrorPanel` (which also shows plain errors)
 * with "Report this problem" under it: a drop-in for `ResponseErrorPanel`
 * and `ErrorPanel`.
 * @public
 */
export function ReportableErrorPanel(props: ReportableErrorPanelProps) {
  const { entityRef, ...panel } = props;
  return (
    <Box data-testid="reportable-error-panel">
      <ResponseErrorPanel {...panel} />
      <Box mt={1}>
        <ReportProblemButton error={props.error} entityRef={entityRef} />
      </Box>
    </Box>
  );
}
