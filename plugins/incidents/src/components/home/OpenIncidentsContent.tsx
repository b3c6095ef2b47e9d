import { Link, Progress } from '@backstage/core-components';
import { Box, makeStyles, Typography } from '@material-ui/core';
import type { Incident, SeverityTable } from '../../api/types';
import { useIncidentLinks } from '../../lib/links';
import { useIncidentsConfig } from '../../lib/useIncidentsConfig';
import { SeverityChip, StatusChip } from '../Chips';
import { EntityRefList } from '../EntityRefs';
import { RelativeTime } from '../ServerPagedTable';
import { useOpenIncidents } from './useOpenIncidents';
import {
  HelpIcon,
  AllClear,
  ListFooter,
  ReportableErrorPanel,
  useWidgetRowStyles,
} from '@vigil/frontend-kit';

/** Most incidents the widget lists; the rest are counted. */
export const OPEN_INCIDENTS_SHOWN = 8;

const useStyles = makeStyles(theme => ({
  severity: { flexShrink: 0, minWidth: 56 },
  noCommander: { color: theme.palette.error.main, fontWeight: 600 },
}));

function IncidentRow(props: { incident: Incident; severities: SeverityTable }) {
  const { incident, severities } = props;
  const classes = useStyles();
  const shared = useWidgetRowStyles();
  const links = useIncidentLinks();
  return (
    <Box className={shared.row} data-testid="open-incident">
      <Box className={classes.severity}>
        <SeverityChip severity={incident.severity} severities={severities} />
      </Box>
      <Box className={shared.text}>
        <Typography variant="body2">
          <Link to={links.incident(incident.id)}>{incident.title}</Link>
        </Typography>
        <Typography variant="caption" color="textSecondary" component="div">
          <EntityRefList entityRefs={incident.entityRefs} />
          {' · declared '}
          <RelativeTime iso={incident.timestamps.declaredAt} />
          {!incident.roles.commander && (
            <>
              {' · '}
              <span className={classes.noCommander}>no commander</span>
            </>
          )}
        </Typography>
      </Box>
      <StatusChip status={incident.status} />
    </Box>
  );
}

/** Home page widget: incidents not yet resolved, most severe first. */
export function OpenIncidentsContent() {
  const links = useIncidentLinks();
  const { config } = useIncidentsConfig();
  const { value, error } = useOpenIncidents();

  if (error) return <ReportableErrorPanel error={error} />;
  if (!value) return <Progress />;

  if (value.totalCount === 0) {
    return (
      <AllClear>
        No open incidents. <Link to={links.root}>See all incidents</Link>
        <HelpIcon topic="incident-status" />
      </AllClear>
    );
  }
  const shown = value.items.slice(0, OPEN_INCIDENTS_SHOWN);
  return (
    <>
      <Box>
        {shown.map(incident => (
          <IncidentRow
            key={incident.id}
            incident={incident}
            severities={config.severities}
          />
        ))}
      </Box>
      <ListFooter
        shown={shown.length}
        total={value.totalCount}
        noun="open incidents"
      >
        <Link to={links.root}>See all incidents</Link>
        <HelpIcon topic="incident-status" />
      </ListFooter>
    </>
  );
}
