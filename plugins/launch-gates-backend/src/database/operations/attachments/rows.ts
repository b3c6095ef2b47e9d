import type { StoredAttachment } from '../../LaunchGatesStore';
import { isoOf } from '../StoreInternals';

export const ATTACHMENTS = 'launch_attachments';

/** A row of `launch_attachments` (without `content` unless selected). */
export interface AttachmentRow {
  id: string;
  review_id: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  content?: Buffer | Uint8Array;
  uploaded_by: string;
  uploaded_at: number | string;
}

/** Every column but the content: what summaries read. */
export const SUMMARY_COLUMNS = [
  'id',
  'review_id',
  'filename',
  'content_type',
  'size',
  'sha256',
  'uploaded_by',
  'uploaded_at',
];

export function attachmentFromRow(row: AttachmentRow): StoredAttachment {
  return {
    id: row.id,
    reviewId: row.review_id,
    filename: row.filename,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    uploadedAt: isoOf(row.uploaded_at),
  };
}
