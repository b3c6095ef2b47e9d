import { Link } from '@backstage/core-components';
import { List, ListItem, ListItemIcon, ListItemText } from '@material-ui/core';
import CategoryIcon from '@material-ui/icons/Category';
import LibraryBooksIcon from '@material-ui/icons/LibraryBooks';
import MenuBookIcon from '@material-ui/icons/MenuBook';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import SearchIcon from '@material-ui/icons/Search';
import TrackChangesIcon from '@material-ui/icons/TrackChanges';
import type { ReactElement } from 'react';

export interface Shortcut {
  title: string;
  description: string;
  to: string;
  icon: ReactElement;
}

/** Where the app mounts these pages (app-config.yaml `app.extensions`). */
export const SHORTCUTS: readonly Shortcut[] = [
  {
    title: 'Runbooks',
    description: 'The docs of every service, runbooks included',
    to: '/docs',
    icon: <LibraryBooksIcon />,
  },
  {
    title: 'Scoring API runbooks',
    description: 'How to operate and recover the scoring API',
    to: '/docs/default/component/scoring-api',
    icon: <MenuBookIcon />,
  },
  {
    title: 'SLOs',
    description: 'Objectives and error budgets across the catalog',
    to: '/slos',
    icon: <TrackChangesIcon />,
  },
  {
    title: 'Incidents',
    description: 'Declare, run and review incidents and postmortems',
    to: '/incidents',
    icon: <ReportProblemIcon />,
  },
  {
    title: 'Catalog',
    description: 'Every service, API, system and team',
    to: '/catalog',
    icon: <CategoryIcon />,
  },
  {
    title: 'Search',
    description: 'Services, docs, incidents and postmortems',
    to: '/search',
    icon: <SearchIcon />,
  },
];

/** Home page widget: links to runbooks, docs and the portal's main pages. */
export function ShortcutsContent() {
  return (
    <List dense disablePadding aria-label="Shortcuts">
      {SHORTCUTS.map(shortcut => (
        <ListItem key={shortcut.to} disableGutters data-testid="shortcut">
          <ListItemIcon>{shortcut.icon}</ListItemIcon>
          <ListItemText
            primary={<Link to={shortcut.to}>{shortcut.title}</Link>}
            secondary={shortcut.description}
          />
        </ListItem>
      ))}
    </List>
  );
}
