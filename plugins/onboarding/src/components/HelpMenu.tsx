import { Link, SidebarItem } from '@backstage/core-components';
import {
  Divider,
  ListItemIcon,
  ListItemText,
  ListSubheader,
  Menu,
  MenuItem,
} from '@material-ui/core';
import ChatIcon from '@material-ui/icons/Chat';
import ExploreIcon from '@material-ui/icons/Explore';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import LiveHelpIcon from '@material-ui/icons/LiveHelp';
import MenuBookIcon from '@material-ui/icons/MenuBook';
import SortByAlphaIcon from '@material-ui/icons/SortByAlpha';
import BeachAccessIcon from '@material-ui/icons/BeachAccess';
import {
  describeTourProgress,
  progressOf,
  TOUR_ROLES,
  TourRole,
  tourOf,
} from '@vigil/backstage-plugin-onboarding-common';
import { MouseEvent, ReactElement, useState } from 'react';
import { HELP_LINKS } from '../lib/helpLinks';
import { tourActionLabel } from '../lib/tourActionLabel';
import { useOnboardingTours } from './useOnboardingTours';

const LINK_ICONS: Record<string, ReactElement> = {
  faq: <LiveHelpIcon fontSize="small" />,
  glossary: <SortByAlphaIcon fontSize="small" />,
  help: <MenuBookIcon fontSize="small" />,
  support: <ChatIcon fontSize="small" />,
  sandbox: <BeachAccessIcon fontSize="small" />,
};

/**
 * The sidebar's help menu (test id `help-menu`): start or resume each
 * role's tour (`help-menu-tour-<role>`, with its progress), and links to
 * the FAQ, the glossary, Vigil's help pages, my support tickets and the
 * sandbox.
 * @public
 */
export function HelpMenu() {
  const tours = useOnboardingTours();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const close = () => setAnchor(null);

  const startTour = (role: TourRole) => {
    close();
    tours?.api.start(role, 'resume');
  };

  return (
    <div data-testid="help-menu" data-tour="help-menu">
      <SidebarItem
        icon={HelpOutlineIcon}
        text="Help"
        onClick={(event: MouseEvent) =>
          setAnchor(event.currentTarget as HTMLElement)
        }
      />
      <Menu
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={close}
        getContentAnchorEl={null}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        MenuListProps={{ 'aria-label': 'Help' }}
      >
        {tours && <ListSubheader disableSticky>Guided tours</ListSubheader>}
        {tours &&
          TOUR_ROLES.map(role => {
            const tour = tourOf(role);
            const progress = progressOf(tours.state.stored, role);
            const yours = role === tours.state.userRole ? ' (your role)' : '';
            return (
              <MenuItem
                key={role}
                data-testid={`help-menu-tour-${role}`}
                onClick={() => startTour(role)}
              >
                <ListItemIcon>
                  <ExploreIcon fontSize="small" />
                </ListItemIcon>
                <ListItemText
                  primary={`${tourActionLabel(progress)} the ${
                    tour.title
                  }${yours}`}
                  secondary={describeTourProgress(progress, tour.steps.length)}
                />
              </MenuItem>
            );
          })}
        {tours && <Divider />}
        {HELP_LINKS.map(link => (
          <MenuItem
            key={link.id}
            component={Link}
            to={link.to}
            onClick={close}
            data-testid={`help-menu-${link.id}`}
          >
            <ListItemIcon>{LINK_ICONS[link.id]}</ListItemIcon>
            <ListItemText primary={link.title} />
          </MenuItem>
        ))}
      </Menu>
    </div>
  );
}
