import { Link } from '@backstage/core-components';
import {
  Box,
  Button,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Typography,
} from '@material-ui/core';
import AddBoxIcon from '@material-ui/icons/AddBox';
import BeachAccessIcon from '@material-ui/icons/BeachAccess';
import ExploreIcon from '@material-ui/icons/Explore';
import LiveHelpIcon from '@material-ui/icons/LiveHelp';
import { useYourTour, VIGIL_DOCS } from '@vigil/backstage-plugin-onboarding';
import type { ReactElement } from 'react';

/** The "Add your service" software template's Create page. */
export const ADD_SERVICE_PATH = '/create/templates/default/add-service';

interface GetStartedLink {
  id: string;
  title: string;
  description: string;
  to: string;
  icon: ReactElement;
}

/** The card's links, with the id of their `get-started-<id>` test id. */
export const GET_STARTED_LINKS: readonly GetStartedLink[] = [
  {
    id: 'add-service',
    title: 'Add your service',
    description:
      'Register it with its SLOs, a runbook and on-call, in a minute',
    to: ADD_SERVICE_PATH,
    icon: <AddBoxIcon />,
  },
  {
    id: 'sandbox',
    title: 'Try the sandbox',
    description:
      'Inject faults, watch SLOs burn, run an incident: nothing real is touched',
    to: '/sandbox',
    icon: <BeachAccessIcon />,
  },
  {
    id: 'faq',
    title: 'FAQ',
    description: 'What new SREs, engineers and product owners ask first',
    to: `${VIGIL_DOCS}/faq/`,
    icon: <LiveHelpIcon />,
  },
];

/** The tour of the user's role: start, resume or restart it, with its progress. */
function YourTour() {
  const tour = useYourTour();
  if (!tour) return null;
  return (
    <ListItem disableGutters data-testid="get-started-item">
      <ListItemIcon>
        <ExploreIcon />
      </ListItemIcon>
      <ListItemText
        primary={`Take the ${tour.title}`}
        secondary={`${tour.summary} · ${tour.progress}`}
      />
      <Box ml={2} flexShrink={0}>
        <Button
          variant="outlined"
          color="primary"
          size="small"
          data-testid="get-started-tour"
          disabled={!tour.loaded}
          onClick={tour.start}
        >
          {tour.action === 'Start'
            ? 'Start your tour'
            : `${tour.action} your tour`}
        </Button>
      </Box>
    </ListItem>
  );
}

/**
 * Home page widget for newcomers: the tour of their role, adding their
 * service, the sandbox and the FAQ.
 */
export function GetStartedContent() {
  return (
    <Box data-testid="get-started">
      <Typography variant="body2" color="textSecondary">
        New to Vigil? Start here.
      </Typography>
      <List dense disablePadding aria-label="Get started">
        <YourTour />
        {GET_STARTED_LINKS.map(link => (
          <ListItem key={link.id} disableGutters data-testid="get-started-item">
            <ListItemIcon>{link.icon}</ListItemIcon>
            <ListItemText
              primary={
                <Link to={link.to} data-testid={`get-started-${link.id}`}>
                  {link.title}
                </Link>
              }
              secondary={link.description}
            />
          </ListItem>
        ))}
      </List>
    </Box>
  );
}
