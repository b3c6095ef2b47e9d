import { InfoCard, Link } from '@backstage/core-components';
import { HelpIcon } from '@vigil/frontend-kit';
import { Box, makeStyles, Typography } from '@material-ui/core';
import {
  deployTakenAt,
  describeDeployTiming,
} from '@vigil/backstage-plugin-deployments-common';
import type { Incident } from '../../api/types';
import { errorMessage } from '../../api/errors';
import { formatTimestamp } from '../../lib/format';
import { useEntityPageLinks } from '../../lib/links';
import { EntityRefText } from '../EntityRefs';
import { incidentWindow, useWhatChanged } from './useWhatChanged';

const useStyles = makeStyles(theme => ({
  item: {
    padding: theme.spacing(1, 0),
    '&:not(:last-child)': {
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
  },
}));

/**
 * "What changed": the deploys of the incident's entities from 24 hours
 * before it started until its resolution, each timed against its start
 * ("deployed v1.4.2 12 minutes before the incident"), linking to the
 * entity's Deployments tab. A failing deployments API leaves one quiet
 * line, never a broken page.
 */
export function WhatChangedPanel(props: { incident: Incident }) {
  const classes = useStyles();
  const { incident } = props;
  const pageLinks = useEntityPageLinks();
  const { value, loading, error } = useWhatChanged(incident);
  const { start } = incidentWindow(incident.timestamps);

  let body;
  if (error) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Deploys could not be loaded: {errorMessage(error)}
      </Typography>
    );
  } else if (loading || !value) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Looking for deploys…
      </Typography>
    );
  } else if (value.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No deploys in the 24 hours before the incident, nor since.
      </Typography>
    );
  } else {
    body = value.map(record => {
      const links = pageLinks(record.entityRef);
      return (
        <Box
          key={record.id}
          className={classes.item}
          data-testid="what-changed-item"
        >
          <Typography variant="body2">
            <EntityRefText entityRef={record.entityRef} />:{' '}
            {describeDeployTiming(record, start, { event: 'the incident' })}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            {formatTimestamp(new Date(deployTakenAt(record)).toISOString())}
            {' · '}
            {record.operator || record.recordedBy}
            {links && (
              <>
                {' · '}
                <Link to={links.deployments}>Deployments</Link>
              </>
            )}
          </Typography>
        </Box>
      );
    });
  }

  return (
    <InfoCard title="What changed" action={<HelpIcon topic="what-changed" />}>
      <Box data-testid="what-changed">{body}</Box>
    </InfoCard>
  );
}
