import { useApi } from '@backstage/core-plugin-api';
import { Button, Typography } from '@material-ui/core';
import AttachFileIcon from '@material-ui/icons/AttachFile';
import type { AttachmentSummary } from '@vigil/backstage-plugin-launch-gates-common';
import { useState } from 'react';
import { launchGatesApiRef } from '../../api/LaunchGatesApi';
import { saveFile } from '../../lib/download';
import { problemOf } from '../../lib/errors';

/** A manual answer's evidence file: downloaded with the user's token. */
export function AttachmentLink(props: {
  reviewId: string;
  attachment: AttachmentSummary;
}) {
  const { reviewId, attachment } = props;
  const api = useApi(launchGatesApiRef);
  const [error, setError] = useState<string>();
  const download = async () => {
    setError(undefined);
    try {
      const file = await api.getAttachment(reviewId, attachment.id);
      saveFile(file.content, file.filename);
    } catch (e) {
      setError(problemOf(e));
    }
  };
  return (
    <>
      <Button
        size="small"
        startIcon={<AttachFileIcon />}
        onClick={download}
        title={`sha256 ${attachment.sha256}`}
      >
        {attachment.filename} ({Math.ceil(attachment.size / 1024)} KB)
      </Button>
      {error && (
        <Typography variant="caption" color="error" component="div">
          {error}
        </Typography>
      )}
    </>
  );
}
