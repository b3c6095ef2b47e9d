import { makeStyles, Typography } from '@material-ui/core';

const useStyles = makeStyles({
  mark: {
    color: '#7df3e1',
    fontWeight: 700,
    fontSize: 28,
    lineHeight: '28px',
  },
});

/** Vigil's mark in the collapsed sidebar. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <Typography component="span" className={classes.mark}>
      V
    </Typography>
  );
};
