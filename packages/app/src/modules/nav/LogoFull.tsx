import { makeStyles, Typography } from '@material-ui/core';

const useStyles = makeStyles({
  wordmark: {
    color: '#7df3e1',
    fontWeight: 700,
    fontSize: 28,
    letterSpacing: 1,
    lineHeight: '30px',
  },
});

/** Vigil's wordmark in the open sidebar. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <Typography component="span" className={classes.wordmark}>
      Vigil
    </Typography>
  );
};
