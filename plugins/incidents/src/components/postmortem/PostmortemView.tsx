import { InfoCard, Link } from '@backstage/core-components';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import type { Postmortem } from '../../api/types';
import {
  ACTION_ITEM_STATUS_LABELS,
  formatTimestamp,
  NONE,
} from '../../lib/format';
import { LESSONS_SECTIONS, TEXT_SECTIONS } from '../../lib/postmortemFields';
import { EntityRefList, EntityRefText } from '../EntityRefs';
import { Markdown } from '../Markdown';
import { isHttpUrl } from '../incident/IncidentTimeline';
import type { ReactNode } from 'react';

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" mb={3}>
      <Typography variant="h6" component="h2" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/** A postmortem read-only: every section rendered from Markdown. */
export function PostmortemView(props: { postmortem: Postmortem }) {
  const { postmortem } = props;
  const timeline = [...postmortem.timeline].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at),
  );
  return (
    <InfoCard>
      <Box mb={2}>
        <Typography variant="body2" color="textSecondary">
          Authors: <EntityRefList entityRefs={postmortem.authors} />
          {postmortem.publishedAt &&
            ` · published ${formatTimestamp(postmortem.publishedAt)}`}
        </Typography>
      </Box>
      {TEXT_SECTIONS.map(({ key, label }) => (
        <Section key={key} title={label}>
          <Markdown text={postmortem[key]} />
        </Section>
      ))}
      <Section title="Lessons learned">
        {LESSONS_SECTIONS.map(({ key, label }) => (
          <Box key={key} mb={2}>
            <Typography variant="subtitle1" component="h3">
              {label}
            </Typography>
            <Markdown text={postmortem.lessonsLearned?.[key]} />
          </Box>
        ))}
      </Section>
      <Section title="Action items">
        {postmortem.actionItems.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            None recorded.
          </Typography>
        ) : (
          <Table size="small" aria-label="Action items">
            <TableHead>
              <TableRow>
                <TableCell>Action item</TableCell>
                <TableCell>Owner</TableCell>
                <TableCell>Priority</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Due</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {postmortem.actionItems.map(item => (
                <TableRow key={item.id}>
                  <TableCell>
                    {item.link && isHttpUrl(item.link) ? (
                      <Link to={item.link}>{item.title}</Link>
                    ) : (
                      item.title
                    )}
                  </TableCell>
                  <TableCell>
                    <EntityRefText entityRef={item.owner} />
                  </TableCell>
                  <TableCell>{item.priority}</TableCell>
                  <TableCell>
                    {ACTION_ITEM_STATUS_LABELS[item.status]}
                  </TableCell>
                  <TableCell>{item.dueDate ?? NONE}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>
      <Section title="Timeline">
        {timeline.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            None recorded.
          </Typography>
        ) : (
          <Box component="ul" m={0} pl={2}>
            {timeline.map((entry, index) => (
              <li key={`${entry.at}-${index}`}>
                <Typography variant="body2" component="div">
                  <strong>{formatTimestamp(entry.at)}</strong>
                  <Markdown text={entry.text} />
                </Typography>
              </li>
            ))}
          </Box>
        )}
      </Section>
      <Section title="Supporting information">
        <Markdown text={postmortem.supportingInformation} />
      </Section>
    </InfoCard>
  );
}
