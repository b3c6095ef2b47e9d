import type { StoredAttachment } from '../../LaunchGatesStore';
import { msOf, type StoreInternals } from '../StoreInternals';
import { ATTACHMENTS, AttachmentRow } from './rows';

/** Appends a file (never changed afterwards). */
export async function createAttachment(
  internals: StoreInternals,
  input: Omit<StoredAttachment, 'id'> & { content: Buffer },
): Promise<StoredAttachment> {
  const { content, ...summary } = input;
  const attachment: StoredAttachment = { ...summary, id: internals.newId() };
  const row: AttachmentRow = {
    id: attachment.id,
    review_id: attachment.reviewId,
    filename: attachment.filename,
    content_type: attachment.contentType,
    size: attachment.size,
    sha256: attachment.sha256,
    content,
    uploaded_by: attachment.uploadedBy,
    uploaded_at: msOf(attachment.uploadedAt),
  };
  await internals.db(ATTACHMENTS).insert(row);
  return attachment;
}
