import type { StoredAttachment } from '../../LaunchGatesStore';
import type { StoreInternals } from '../StoreInternals';
import { ATTACHMENTS, attachmentFromRow, AttachmentRow } from './rows';

/** A review's file with its content; undefined when not of that review. */
export async function getAttachment(
  internals: StoreInternals,
  reviewId: string,
  id: string,
): Promise<(StoredAttachment & { content: Buffer }) | undefined> {
  const row = await internals
    .db<AttachmentRow>(ATTACHMENTS)
    .where({ id, review_id: reviewId })
    .first();
  if (!row) return undefined;
  return { ...attachmentFromRow(row), content: Buffer.from(row.content!) };
}
