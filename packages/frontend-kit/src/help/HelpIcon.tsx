import { MouseEvent, useState } from 'react';
import {
  Box,
  IconButton,
  Link,
  makeStyles,
  Popover,
  Typography,
} from '@material-ui/core';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import { helpDocsPath, helpTopics, HelpTopicId } from './helpTopics';

const useStyles = makeStyles(theme => ({
  // Inherits the colour around it: white in a page header, text in a card.
  button: { color: 'inherit', opacity: 0.8, padding: theme.spacing(0.5) },
  body: { maxWidth: 380, padding: theme.spacing(2) },
  summary: { margin: theme.spacing(1, 0) },
}));

/**
 * A small "?" button beside a page title or a card's heading: it opens a
 * short explanation of `topic` and a "Read more" link to its page in
 * Vigil's TechDocs. Test ids: `help-icon-<topic>` (the button),
 * `help-popover-<topic>` and `help-read-more-<topic>`.
 * @public
 */
export function HelpIcon(props: { topic: HelpTopicId }) {
  const classes = useStyles();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const topic = helpTopics[props.topic];
  const popoverId = `help-popover-${props.topic}`;
  const titleId = `${popoverId}-title`;

  const open = (event: MouseEvent<HTMLElement>) => {
    // The icon often sits in a clickable header (a sortable column, a tab).
    event.stopPropagation();
    setAnchor(event.currentTarget);
  };

  return (
    <>
      <IconButton
        className={classes.button}
        size="small"
        aria-label={`Help: ${topic.title}`}
        aria-haspopup="dialog"
        aria-expanded={anchor !== null}
        aria-controls={anchor ? popoverId : undefined}
        data-testid={`help-icon-${props.topic}`}
        onClick={open}
      >
        <HelpOutlineIcon fontSize="small" />
      </IconButton>
      <Popover
        id={popoverId}
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        onClick={event => event.stopPropagation()}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        transformOrigin={{ vertical: 'top', horizontal: 'left' }}
        PaperProps={{
          role: 'dialog',
          'aria-labelledby': titleId,
          ...({ 'data-testid': popoverId } as object),
        }}
      >
        <Box className={classes.body}>
          <Typography variant="subtitle2" component="h2" id={titleId}>
            {topic.title}
          </Typography>
          <Typography variant="body2" className={classes.summary}>
            {topic.summary}
          </Typography>
          <Link
            href={helpDocsPath(props.topic)}
            variant="body2"
            data-testid={`help-read-more-${props.topic}`}
          >
            Read more in Vigil's help
          </Link>
        </Box>
      </Popover>
    </>
  );
}
