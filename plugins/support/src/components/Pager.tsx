import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { PAGE_SIZE } from './usePagedList';

/** "21–40 of 73" with previous and next. */
export function Pager(props: {
  offset: number;
  total: number;
  hasPrevious: boolean;
  hasNext: boolean;
  previous: () => void;
  next: () => void;
}) {
  const { offset, total } = props;
  if (total <= PAGE_SIZE) return null;
  return (
    <Box display="flex" alignItems="center" justifyContent="flex-end" mt={1}>
      <Typography variant="body2">
        {offset + 1}–{Math.min(offset + PAGE_SIZE, total)} of {total}
      </Typography>
      <Button
        size="small"
        disabled={!props.hasPrevious}
        onClick={props.previous}
      >
        Previous
      </Button>
      <Button size="small" disabled={!props.hasNext} onClick={props.next}>
        Next
      </Button>
    </Box>
  );
}
