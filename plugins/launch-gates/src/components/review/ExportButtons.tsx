import { useApi } from '@backstage/core-plugin-api';
import { Box, Button, Typography } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { parseEntityRef } from '@backstage/catalog-model';
import type { ReviewSummary } from '@vigil/backstage-plugin-launch-gates-common';
import { useState } from 'react';
import { launchGatesApiRef } from '../../api/LaunchGatesApi';
import { saveFile } from '../../lib/download';
import { problemOf } from '../../lib/errors';

/** `scoring-api-launch-review-1a2b3c4d.md`, like the CLI's files. */
export function exportFilename(
  review: Pick<ReviewSummary, 'id' | 'entityRef'>,
  extension: 'json' | 'md',
): string {
  let name = 'entity';
  try {
    name = parseEntityRef(review.entityRef).name;
  } catch {
    // Keep the generic name.
  }
  return `${name}-launch-review-${review.id.slice(0, 8)}.${extension}`;
}

/** Downloads the review's evidence export as JSON or as Markdown. */
export function ExportButtons(props: {
  review: Pick<ReviewSummary, 'id' | 'entityRef'>;
}) {
  const { review } = props;
  const api = useApi(launchGatesApiRef);
  const [busy, setBusy] = useState<'json' | 'md'>();
  const [error, setError] = useState<string>();

  const download = async (format: 'json' | 'md') => {
    setBusy(format);
    setError(undefined);
    try {
      const content =
        format === 'json'
          ? new Blob(
              [
                `${JSON.stringify(
                  await api.exportReviewJson(review.id),
                  null,
                  2,
                )}\n`,
              ],
              { type: 'application/json' },
            )
          : new Blob([await api.exportReviewMarkdown(review.id)], {
              type: 'text/markdown',
            });
      saveFile(content, exportFilename(review, format));
    } catch (e) {
      setError(problemOf(e));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Box>
      <Box display="flex" style={{ gap: 8 }}>
        <Button
          size="small"
          variant="outlined"
          startIcon={<GetAppIcon />}
          disabled={busy !== undefined}
          onClick={() => download('json')}
        >
          Download JSON
        </Button>
        <Button
          size="small"
          variant="outlined"
          startIcon={<GetAppIcon />}
          disabled={busy !== undefined}
          onClick={() => download('md')}
        >
          Download Markdown
        </Button>
      </Box>
      {error && (
        <Typography variant="caption" color="error" component="div">
          Export failed: {error}
        </Typography>
      )}
    </Box>
  );
}
