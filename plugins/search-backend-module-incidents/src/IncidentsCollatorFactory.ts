import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import {
  INCIDENT_SEARCH_TYPE,
  IncidentSearchDocument,
  IncidentSearchDocumentPage,
  POSTMORTEM_SEARCH_TYPE,
} from '@vigil/backstage-plugin-incidents-common';
import { Readable } from 'stream';

/**
 * What the incidents backend's `/search/:type` pages hold.
 * @public
 */
export type IncidentDocument = IndexableDocument & IncidentSearchDocument;

const PATHS = {
  [INCIDENT_SEARCH_TYPE]: 'incidents',
  [POSTMORTEM_SEARCH_TYPE]: 'postmortems',
} as const;

/**
 * Collates incidents or published postmortems from the incidents backend's
 * HTTP API with the search plugin's service credentials, page by page, so
 * the index never holds more than one page in memory.
 * @public
 */
export class IncidentsCollatorFactory implements DocumentCollatorFactory {
  // Incidents are as visible as the entities they affect: search results are
  // filtered by catalog read permission on the document's first entity.
  readonly visibilityPermission = catalogEntityReadPermission;

  constructor(
    readonly type: typeof INCIDENT_SEARCH_TYPE | typeof POSTMORTEM_SEARCH_TYPE,
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      pageSize?: number;
      fetch?: typeof fetch;
    },
  ) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<IncidentDocument> {
    const { discovery, auth } = this.options;
    const fetchFn = this.options.fetch ?? fetch;
    const baseUrl = await discovery.getBaseUrl('incidents');
    let cursor: string | undefined;
    let count = 0;
    do {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'incidents',
      });
      const url = new URL(`${baseUrl}/search/${PATHS[this.type]}`);
      url.searchParams.set('limit', String(this.options.pageSize ?? 500));
      if (cursor) url.searchParams.set('cursor', cursor);
      const response = await fetchFn(url, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw await ResponseError.fromResponse(response);
      const page = (await response.json()) as IncidentSearchDocumentPage;
      for (const item of page.items as IncidentDocument[]) {
        count += 1;
        yield item.entityRefs.length > 0
          ? { ...item, authorization: { resourceRef: item.entityRefs[0] } }
          : item;
      }
      cursor = page.nextCursor;
    } while (cursor);
    this.options.logger.debug(`Collated ${count} ${this.type} documents`);
  }
}
