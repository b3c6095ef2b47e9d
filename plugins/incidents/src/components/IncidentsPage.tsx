import { Content, Header, Page } from '@backstage/core-components';
import { HelpIcon } from '@vigil/frontend-kit';
import { Box, Button, Tab, Tabs } from '@material-ui/core';
import AddAlertIcon from '@material-ui/icons/AddAlert';
import { useState } from 'react';
import { Route, Routes, useNavigate, useSearchParams } from 'react-router-dom';
import { useIncidentLinks } from '../lib/links';
import { DeclareIncidentDialog } from './DeclareIncidentDialog';
import { IncidentPage } from './incident/IncidentPage';
import { IncidentsList } from './IncidentsList';
import { MetricsStrip } from './MetricsStrip';
import { PostmortemPage } from './postmortem/PostmortemPage';
import { PostmortemsList } from './PostmortemsList';

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
        data-tour="incidents-declare"
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

const LIST_TABS = ['incidents', 'postmortems'] as const;
type ListTab = (typeof LIST_TABS)[number];

/**
 * Every incident or every postmortem (`?tab=postmortems`, so the tab survives
 * reloads and links), with metrics and the declare button.
 */
export function IncidentsListPage() {
  const [metricsKey, setMetricsKey] = useState(0);
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const tab: ListTab = LIST_TABS.includes(tabParam as ListTab)
    ? (tabParam as ListTab)
    : 'incidents';
  const selectTab = (next: ListTab) =>
    setSearchParams(params => {
      const copy = new URLSearchParams(params);
      if (next === 'incidents') copy.delete('tab');
      else copy.set('tab', next);
      return copy;
    });
  return (
    <Page themeId="tool">
      <Header
        title="Incidents"
        subtitle="Declare and run incidents; learn from them with postmortems"
      >
        <DeclareIncidentButton />
        <HelpIcon topic="incident" />
      </Header>
      <Content>
        <Box mb={3} data-tour="incidents-metrics">
          <MetricsStrip reloadKey={metricsKey} />
        </Box>
        <Box mb={2}>
          <Tabs
            value={tab}
            onChange={(_event, next: ListTab) => selectTab(next)}
            indicatorColor="primary"
            textColor="primary"
            aria-label="Incidents or postmortems"
          >
            <Tab
              value="incidents"
              label="Incidents"
              id="incidents-tab-incidents"
              aria-controls="incidents-tabpanel"
            />
            <Tab
              value="postmortems"
              label="Postmortems"
              id="incidents-tab-postmortems"
              aria-controls="incidents-tabpanel"
              data-tour="incidents-postmortems-tab"
            />
          </Tabs>
        </Box>
        <div
          role="tabpanel"
          id="incidents-tabpanel"
          aria-labelledby={`incidents-tab-${tab}`}
          data-tour="incidents-list"
        >
          {tab === 'incidents' ? (
            <IncidentsList onLiveUpdate={() => setMetricsKey(k => k + 1)} />
          ) : (
            <PostmortemsList onLiveUpdate={() => setMetricsKey(k => k + 1)} />
          )}
        </div>
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
