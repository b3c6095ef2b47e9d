export {
  reportProblemApiRef,
  type ProblemReport,
  type ReportedProblem,
  type ReportProblemApi,
} from './reportProblemApi';
export { errorDetails, type ErrorDetails } from './errorDetails';
export {
  ReportProblemButton,
  type ReportProblemButtonProps,
} from './ReportProblemButton';
export {
  ReportableErrorPanel,
  type ReportableErrorPanelProps,
} from './ReportableErrorPanel';
export {
  FailedRequestAlert,
  type FailedRequestAlertProps,
} from './FailedRequestAlert';
