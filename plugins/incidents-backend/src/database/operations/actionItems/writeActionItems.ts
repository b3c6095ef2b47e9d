import type { Knex } from 'knex';
import type { Postmortem } from '@vigil/backstage-plugin-incidents-common';
import { insertChunked } from '../queries';
import { actionItemRows } from './rows';

/** Replaces a postmortem's action items with `pm.actionItems`. */
export async function writeActionItems(
  tx: Knex.Transaction,
  pm: Postmortem,
): Promise<void> {
  await tx('action_items').where({ postmortem_id: pm.id }).delete();
  await insertChunked(tx, 'action_items', actionItemRows(pm));
}
