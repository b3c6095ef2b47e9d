import { Fragment } from 'react';
import { Link, TableCell, TableRow, Typography } from '@material-ui/core';
import type { RumErrorGroup } from '@vigil/backstage-plugin-rum-common';
import { ErrorGroupDetails } from './ErrorGroupDetails';

/** One group; clicking its message shows its stack below it. */
export function ErrorGroupRow(props: {
  group: RumErrorGroup;
  open: boolean;
  onToggle(): void;
  when(iso: string): string | null;
}) {
  const { group, open, onToggle, when } = props;
  return (
    <Fragment>
      <TableRow data-testid="rum-error-group" hover>
        <TableCell>
          <Link
            component="button"
            variant="body2"
            onClick={onToggle}
            aria-expanded={open}
            style={{ textAlign: 'left' }}
          >
            {group.type}: {group.message}
          </Link>
          <Typography variant="caption" color="textSecondary" component="div">
            {group.topFrame}
          </Typography>
        </TableCell>
        <TableCell align="right">{group.count}</TableCell>
        <TableCell align="right">{group.sessionCount}</TableCell>
        <TableCell title={group.lastSeen}>{when(group.lastSeen)}</TableCell>
        <TableCell title={group.firstSeen}>{when(group.firstSeen)}</TableCell>
        <TableCell>{group.lastRelease ?? '\u2014'}</TableCell>
        <TableCell>{group.routes.join(', ')}</TableCell>
      </TableRow>
      {open && (
        <TableRow>
          <TableCell colSpan={7}>
            <ErrorGroupDetails fingerprint={group.fingerprint} />
          </TableCell>
        </TableRow>
      )}
    </Fragment>
  );
}
