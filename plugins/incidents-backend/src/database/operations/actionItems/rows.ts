import type {
  ActionItem,
  Postmortem,
} from '@vigil/backstage-plugin-incidents-common';

/** A row of `action_items`. */
export interface ActionItemRow {
  id: string;
  postmortem_id: string;
  incident_id: string;
  position: number | string;
  title: string;
  owner: string;
  due_date: string | null;
  priority: string;
  status: string;
  link: string | null;
}

export function rowToActionItem(row: ActionItemRow): ActionItem {
  return {
    id: row.id,
    title: row.title,
    owner: row.owner,
    ...(row.due_date ? { dueDate: row.due_date } : {}),
    priority: row.priority as ActionItem['priority'],
    status: row.status as ActionItem['status'],
    ...(row.link ? { link: row.link } : {}),
  };
}

/** A postmortem's action items as rows, in its order. */
export function actionItemRows(pm: Postmortem): ActionItemRow[] {
  return pm.actionItems.map((item, position) => ({
    id: item.id,
    postmortem_id: pm.id,
    incident_id: pm.incidentId,
    position,
    title: item.title,
    owner: item.owner,
    due_date: item.dueDate ?? null,
    priority: item.priority,
    status: item.status,
    link: item.link ?? null,
  }));
}
