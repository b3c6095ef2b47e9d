import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/** What the page shows while the sandbox service does not answer. */
export function NotRunningCard(props: {
  message?: string;
  startCommand: string;
}) {
  return (
    <InfoCard title="The sandbox is not running">
      <div data-testid="sandbox-not-running">
        <Typography paragraph>
          {props.message ?? 'The sandbox service does not answer.'}
        </Typography>
        <Typography paragraph>
          Start the portal with the sandbox, from the repository&apos;s root:
        </Typography>
        <Box
          component="pre"
          p={1.5}
          bgcolor="action.hover"
          borderRadius={4}
          data-testid="sandbox-start-command"
        >
          <code>{props.startCommand}</code>
        </Box>
        <Typography variant="body2" color="textSecondary">
          Or set VIGIL_SANDBOX=1 before <code>./vigil start</code>. The
          sandbox&apos;s services then appear here and in the catalog (namespace
          sandbox) within a minute.
        </Typography>
      </div>
    </InfoCard>
  );
}
