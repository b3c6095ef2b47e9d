import { Content, Header, Page } from '@backstage/core-components';
import { Box, Button } from '@material-ui/core';
import AddAlertIcon from '@material-ui/icons/AddAlert';
import { useState } from 'react';
import { Route, Routes, useNavigate } from 'react-router-dom';
import { useIncidentLinks } from '../lib/links';
import { DeclareIncidentDialog } from './DeclareIncidentDialog';
import { IncidentPage } from './incident/IncidentPage';
import { IncidentsList } from './IncidentsList';
import { MetricsStrip } from './MetricsStrip';
import { PostmortemPage } from './postmortem/PostmortemPage';

/** A button that opens the declare dialog and goes to the new incident. */
export function DeclareIncidentButton(props: { defaultEntityRefs?: string[] }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const links = useIncidentLinks();
  return (
    <>
      <Button
        variant="contained"
        color="secondary"
        startIcon={<AddAlertIcon />}
        onClick={() => setOpen(true)}
      >
        Declare incident
      </Button>
      <DeclareIncidentDialog
        open={open}
        defaultEntityRefs={props.defaultEntityRefs}
        onClose={() => setOpen(false)}
        onDeclared={details => {
          setOpen(false);
          navigate(links.incident(details.incident.id));
        }}
      />
    </>
  );
}

/** Every incident, with metrics and the declare button. */
export function IncidentsListPage() {
  const [metricsKey, setMetricsKey] = useState(0);
  return (
    <Page themeId="tool">
      <Header
        title="Incidents"
        subtitle="Declare and run incidents; learn from them with postmortems"
      >
        <DeclareIncidentButton />
      </Header>
      <Content>
        <Box mb={3}>
          <MetricsStrip reloadKey={metricsKey} />
        </Box>
        <IncidentsList onLiveUpdate={() => setMetricsKey(k => k + 1)} />
      </Content>
    </Page>
  );
}

/**
 * The plugin's pages below `/incidents`: the list, an incident
 * (`/:incidentId`) and its postmortem (`/:incidentId/postmortem`).
 */
export function IncidentsPage() {
  return (
    <Routes>
      <Route path="/" element={<IncidentsListPage />} />
      <Route path="/:incidentId" element={<IncidentPage />} />
      <Route path="/:incidentId/postmortem" element={<PostmortemPage />} />
    </Routes>
  );
}
