import { ReactNode } from 'react';
import { Box, makeStyles, Typography } from '@material-ui/core';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';

/**
 * The row layout of Vigil's home page widgets: a badge (status chip,
 * severity), then the text.
 * @public
 */
export const useWidgetRowStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1, 0),
    '&:not(:last-child)': {
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
  },
  text: { minWidth: 0, flex: 1 },
  ok: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  okIcon: { color: theme.palette.success.main },
}));

/**
 * The empty state of a widget whose empty list is good news.
 * @public
 */
export function AllClear(props: { children: ReactNode }) {
  const classes = useWidgetRowStyles();
  return (
    <Box className={classes.ok}>
      <CheckCircleOutlineIcon className={classes.okIcon} />
      <Typography variant="body1">{props.children}</Typography>
    </Box>
  );
}

/**
 * "Showing 8 of 12 open incidents." when the list is cut, then a link.
 * @public
 */
export function ListFooter(props: {
  shown: number;
  total: number;
  noun: string;
  children?: ReactNode;
}) {
  return (
    <Box mt={1}>
      <Typography variant="body2">
        {props.total > props.shown &&
          `Showing ${props.shown} of ${props.total} ${props.noun}. `}
        {props.children}
      </Typography>
    </Box>
  );
}
