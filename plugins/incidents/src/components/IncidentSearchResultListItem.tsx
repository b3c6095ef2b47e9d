import { Box } from '@material-ui/core';
import type {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import { DefaultResultListItem } from '@backstage/plugin-search-react';
import type {
  IncidentStatus,
  Severity,
} from '@vigil/backstage-plugin-incidents-common';
import { SeverityChip, StatusChip } from './Chips';

/** The fields the incidents collator adds to a search document. */
type IncidentSearchDocument = SearchDocument & {
  severity?: Severity;
  status?: IncidentStatus;
};

/**
 * A search hit for an incident or a published postmortem: the default list
 * item with its severity and status, so the last time this happened is
 * recognisable at a glance.
 */
export function IncidentSearchResultListItem(props: {
  result?: SearchDocument;
  highlight?: ResultHighlight;
  rank?: number;
  icon?: JSX.Element;
}) {
  const result = props.result as IncidentSearchDocument | undefined;
  if (!result) return null;
  return (
    <DefaultResultListItem
      result={result}
      highlight={props.highlight}
      rank={props.rank}
      icon={props.icon}
      lineClamp={3}
      secondaryAction={
        <Box display="flex" style={{ gap: 4 }}>
          {result.severity && <SeverityChip severity={result.severity} />}
          {result.status && <StatusChip status={result.status} />}
        </Box>
      }
    />
  );
}
