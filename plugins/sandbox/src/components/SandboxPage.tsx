import { Content, Header, Page, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { HelpIcon, ReportableErrorPanel } from '@vigil/frontend-kit';
import { NotRunningCard } from './NotRunningCard';
import { ResetSandboxButton } from './ResetSandboxButton';
import { SandboxBanner } from './SandboxBanner';
import { SandboxServiceCard } from './SandboxServiceCard';
import { useSandboxServices } from './useSandboxServices';

/**
 * `/sandbox`: the clearly marked sandbox, its synthetic services with their
 * SLOs and fault controls, and the reset; how to start it when it is not
 * running.
 */
export function SandboxPage() {
  const { value, loading, error, retry } = useSandboxServices();
  return (
    <Page themeId="tool">
      <Header
        title="Sandbox"
        subtitle="Synthetic services to practise on: inject faults, watch SLOs burn, declare incidents"
      >
        <HelpIcon topic="sandbox" />
      </Header>
      <Content>
        <Box mb={3}>
          <SandboxBanner />
        </Box>
        {loading && !value && <Progress />}
        {error && <ReportableErrorPanel error={error} />}
        {value && (
          <>
            {!value.running && (
              <Box mb={3}>
                <NotRunningCard
                  message={value.message}
                  startCommand={value.startCommand}
                />
              </Box>
            )}
            {value.running && value.services.length === 0 && (
              <Typography paragraph data-testid="sandbox-no-services">
                The sandbox is running, but the catalog has not read its
                services yet (namespace sandbox); they appear within a minute.
              </Typography>
            )}
            <Grid container spacing={3}>
              {value.services.map(service => (
                <Grid item xs={12} md={6} key={service.entityRef}>
                  <SandboxServiceCard
                    service={service}
                    running={value.running}
                    onChanged={retry}
                  />
                </Grid>
              ))}
            </Grid>
            <Box mt={4}>
              <Typography variant="h6">Start over</Typography>
              <Typography variant="body2" paragraph color="textSecondary">
                Clears every fault and deletes the sandbox&apos;s incidents,
                postmortems and SLO history, so the next person starts clean.
              </Typography>
              <ResetSandboxButton onReset={retry} />
            </Box>
          </>
        )}
      </Content>
    </Page>
  );
}
