import { NotFoundError } from '@backstage/errors';
import type { PageStatus } from '@vigil/backstage-plugin-oncall-common';
import type { OnCallStore, StoredPage } from '../database/OnCallStore';
import { pageJson, PageJson } from './wire';

/** Pages as the API shows them: with their deliveries, read in one query. */
export class PageReader {
  constructor(private readonly store: OnCallStore) {}

  async withDeliveries(pages: StoredPage[]): Promise<PageJson[]> {
    if (pages.length === 0) return [];
    const deliveries = await this.store.listDeliveries(pages.map(p => p.id));
    return pages.map(page => pageJson(page, deliveries));
  }

  async list(query: {
    incidentId?: string;
    entityRef?: string;
    userRef?: string;
    status?: PageStatus[];
    limit: number;
    offset: number;
  }): Promise<{ items: PageJson[]; total: number }> {
    const { items, total } = await this.store.listPages(query);
    return { items: await this.withDeliveries(items), total };
  }

  async get(id: string): Promise<PageJson> {
    const page = await this.store.getPage(id);
    if (!page) throw new NotFoundError(`No page with id ${id}`);
    const [json] = await this.withDeliveries([page]);
    return json;
  }
}
