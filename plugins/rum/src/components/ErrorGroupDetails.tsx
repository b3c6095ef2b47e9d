import { Progress } from '@backstage/core-components';
import { ReportableErrorPanel } from '@vigil/frontend-kit';
import { Box, Typography } from '@material-ui/core';
import type { RumStackFrame } from '@vigil/backstage-plugin-rum-common';
import { useErrorGroup } from './useErrorGroup';

const frameText = (frame: RumStackFrame) =>
  `at ${frame.function || '<anonymous>'} (${frame.filename}${
    frame.lineno
      ? `:${frame.lineno}${frame.colno ? `:${frame.colno}` : ''}`
      : ''
  })`;

/** A group's last stack: source-mapped when the build's maps were found. */
export function ErrorGroupDetails(props: { fingerprint: string }) {
  const { value, loading, error } = useErrorGroup(props.fingerprint);
  if (loading) return <Progress />;
  if (error) return <ReportableErrorPanel error={error} />;
  if (!value) return null;
  return (
    <Box data-testid="rum-error-details">
      <Typography variant="subtitle2">
        {value.type}: {value.message}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        {value.mapped
          ? 'Stack trace mapped to the sources with the build\u2019s source maps'
          : 'Stack trace as the browser sent it (no source map found for it)'}
      </Typography>
      <Box
        component="pre"
        data-testid="rum-error-stack"
        style={{ whiteSpace: 'pre-wrap', fontSize: 12, margin: 0 }}
      >
        {value.stack.length > 0
          ? value.stack.map(frameText).join('\n')
          : 'No stack trace was sent.'}
      </Box>
      <Typography variant="caption" color="textSecondary" component="div">
        Releases: {value.releases.join(', ') || 'unknown'} · routes:{' '}
        {value.routes.join(', ')}
      </Typography>
    </Box>
  );
}
