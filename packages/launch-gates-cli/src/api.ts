import {
  PostedReport,
  ReviewExport,
  ReviewList,
  StoredReport,
  reviewExportSchema,
} from '@vigil/backstage-plugin-launch-gates-common';
import type { GatesContext } from './cliIo';

/** The portal answered, but not with what was asked for. */
export class GatesApiError extends Error {}

/**
 * The few launch-gates routes the CLI calls, with the static token. Each
 * failure becomes one line that says what to do.
 */
export class GatesApi {
  constructor(private readonly context: GatesContext) {}

  private async request(
    route: string,
    init: { method?: string; body?: unknown; accept: string },
  ): Promise<Response> {
    const { baseUrl, token } = this.context;
    if (!token) {
      throw new GatesApiError(
        'no token: set VIGIL_LAUNCH_GATES_TOKEN or start the platform with ./vigil start (it writes .data/launch-gates-token)',
      );
    }
    const url = `${baseUrl}/api/launch-gates${route}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${token}`,
          accept: init.accept,
          ...(init.body !== undefined
            ? { 'content-type': 'application/json' }
            : {}),
        },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new GatesApiError(
        `the portal at ${baseUrl} is unreachable (${
          (error as Error).message
        }); is ./vigil start running?`,
      );
    }
    if (!res.ok) {
      let message = await res.text();
      try {
        message = JSON.parse(message)?.error?.message ?? message;
      } catch {
        // Not JSON: the text as it came.
      }
      throw new GatesApiError(
        `${init.method ?? 'GET'} ${url} answered ${res.status}: ${message
          .slice(0, 500)
          .trim()}`,
      );
    }
    return res;
  }

  async exportJson(reviewId: string): Promise<ReviewExport> {
    const res = await this.request(
      `/reviews/${encodeURIComponent(reviewId)}/export?format=json`,
      { accept: 'application/json' },
    );
    const parsed = reviewExportSchema.safeParse(await res.json());
    if (!parsed.success) {
      throw new GatesApiError(
        `the export of review ${reviewId} is not a version-1 export document: ${parsed.error.issues
          .slice(0, 3)
          .map(i => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
      );
    }
    return parsed.data;
  }

  async exportMarkdown(reviewId: string): Promise<string> {
    const res = await this.request(
      `/reviews/${encodeURIComponent(reviewId)}/export?format=markdown`,
      { accept: 'text/markdown' },
    );
    return res.text();
  }

  /**
   * The entity's latest review (the one opened last), paging through its
   * reviews; undefined when it has none.
   */
  async latestReviewOf(entityRef: string): Promise<string | undefined> {
    let latest: { id: string; createdAt: string } | undefined;
    const limit = 200;
    for (let offset = 0; ; offset += limit) {
      const res = await this.request(
        `/reviews?entityRef=${encodeURIComponent(
          entityRef,
        )}&limit=${limit}&offset=${offset}`,
        { accept: 'application/json' },
      );
      const page = (await res.json()) as ReviewList;
      for (const item of page.items) {
        if (
          !latest ||
          Date.parse(item.createdAt) > Date.parse(latest.createdAt)
        )
          latest = item;
      }
      if (page.items.length < limit || offset + limit >= page.totalCount) break;
    }
    return latest?.id;
  }

  async postReport(report: PostedReport): Promise<StoredReport> {
    const res = await this.request('/reports', {
      method: 'POST',
      body: report,
      accept: 'application/json',
    });
    return (await res.json()) as StoredReport;
  }
}
