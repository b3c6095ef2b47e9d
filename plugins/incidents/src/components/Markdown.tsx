import { makeStyles, Typography } from '@material-ui/core';
import ReactMarkdown from 'react-markdown';

const useStyles = makeStyles(theme => ({
  markdown: {
    ...theme.typography.body2,
    overflowWrap: 'anywhere',
    '& p': { margin: theme.spacing(0.5, 0) },
    '& pre': {
      overflowX: 'auto',
      padding: theme.spacing(1),
      backgroundColor: theme.palette.background.default,
      borderRadius: theme.shape.borderRadius,
    },
    '& code': { fontSize: '0.9em' },
    '& a': { color: theme.palette.primary.main },
  },
}));

/** The template's prompts are HTML comments: guidance while editing, nothing once read. */
export function withoutComments(markdown: string): string {
  return markdown.replace(/<!--[\s\S]*?-->/g, '');
}

/**
 * User-written Markdown. react-markdown renders no raw HTML and drops
 * `javascript:` links, so incident text cannot inject markup.
 */
export function Markdown(props: { text?: string; empty?: string }) {
  const classes = useStyles();
  const text = props.text && withoutComments(props.text).trim();
  if (!text) {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.empty ?? 'None recorded.'}
      </Typography>
    );
  }
  return (
    <div className={classes.markdown}>
      <ReactMarkdown>{text}</ReactMarkdown>
    </div>
  );
}
