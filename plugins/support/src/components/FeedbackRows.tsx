import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Rating from '@material-ui/lab/Rating';
import type { SupportFeedback } from '@vigil/backstage-plugin-support-common';

/** Feedback as table rows (test id `feedback-row`). */
export function FeedbackRows(props: { feedback: SupportFeedback[] }) {
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>Rating</TableCell>
          <TableCell>Feedback</TableCell>
          <TableCell>From</TableCell>
          <TableCell>Where</TableCell>
          <TableCell>When</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.feedback.map(item => (
          <TableRow key={item.id} data-testid="feedback-row">
            <TableCell>
              <Rating value={item.rating} readOnly size="small" />
            </TableCell>
            <TableCell style={{ whiteSpace: 'pre-wrap' }}>
              {item.text}
            </TableCell>
            <TableCell>{item.reporterRef}</TableCell>
            <TableCell>
              {[item.context.route, item.context.entityRef]
                .filter(Boolean)
                .join(', ') || '—'}
            </TableCell>
            <TableCell>{new Date(item.createdAt).toLocaleString()}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
