import {
  JsonHttpClient,
  queryString,
  readFailedResponse,
} from '@vigil/common-kit';
import type { ReviewExport } from './exportDocument';
import type {
  AnswerCheckRequest,
  AttachmentSummary,
  CreateSignOffRequest,
  CreateWaiverRequest,
  EditReviewRequest,
  OpenReviewRequest,
  PostedReport,
  ReviewDetail,
  ReviewList,
  ReviewState,
  StoredReport,
  TemplateListing,
  UploadAttachmentRequest,
} from './records';
import type { ReviewTemplate } from './template';

/**
 * `GET /templates`: the templates that validated, and the problems of the
 * files that did not.
 * @public
 */
export interface TemplateList {
  items: TemplateListing[];
  problems: Array<{ source: string; message: string }>;
}

/**
 * `GET /reviews` filters.
 * @public
 */
export interface ListReviewsOptions {
  entityRef?: string;
  /** One state or several (any of them). */
  state?: ReviewState | ReviewState[];
  /** Only reviews the caller may sign that await a decision. */
  awaitingMe?: boolean;
  /** Target date on or after, YYYY-MM-DD. */
  targetFrom?: string;
  /** 1..200, 50 by default. */
  limit?: number;
  offset?: number;
}

/**
 * `GET /reports` filters.
 * @public
 */
export interface ListReportsOptions {
  entityRef?: string;
  kind?: StoredReport['kind'];
  limit?: number;
  offset?: number;
}

/** @public */
export interface StoredReportList {
  items: StoredReport[];
  totalCount: number;
}

/**
 * A file uploaded as a manual check's evidence, as downloaded.
 * @public
 */
export interface AttachmentContent {
  filename: string;
  contentType: string;
  content: Blob;
}

/**
 * The launch-gates backend's API (`/api/launch-gates`). Implemented by
 * {@link LaunchGatesClient}.
 * @public
 */
export interface LaunchGatesApi {
  listTemplates(): Promise<TemplateList>;
  getTemplate(name: string): Promise<ReviewTemplate>;
  /** Summaries, by target date (soonest first), then newest first. */
  listReviews(options?: ListReviewsOptions): Promise<ReviewList>;
  getReview(reviewId: string): Promise<ReviewDetail>;
  /** Opens a review; its checks start `pending` and fill in shortly after. */
  openReview(request: OpenReviewRequest): Promise<ReviewDetail>;
  editReview(
    reviewId: string,
    request: EditReviewRequest,
  ): Promise<ReviewDetail>;
  /** Re-runs the automated checks now (all, or the one named). */
  evaluateReview(
    reviewId: string,
    options?: { checkId?: string },
  ): Promise<ReviewDetail>;
  answerCheck(
    reviewId: string,
    checkId: string,
    request: AnswerCheckRequest,
  ): Promise<ReviewDetail>;
  uploadAttachment(
    reviewId: string,
    request: UploadAttachmentRequest,
  ): Promise<AttachmentSummary>;
  getAttachment(
    reviewId: string,
    attachmentId: string,
  ): Promise<AttachmentContent>;
  createWaiver(
    reviewId: string,
    request: CreateWaiverRequest,
  ): Promise<ReviewDetail>;
  signOff(
    reviewId: string,
    request: CreateSignOffRequest,
  ): Promise<ReviewDetail>;
  /** The evidence export as its JSON document. */
  exportReviewJson(reviewId: string): Promise<ReviewExport>;
  /** The evidence export as Markdown. */
  exportReviewMarkdown(reviewId: string): Promise<string>;
  postReport(report: PostedReport): Promise<StoredReport>;
  listReports(options?: ListReportsOptions): Promise<StoredReportList>;
}

/**
 * A failed request to the launch-gates API. The message names the status
 * and the backend's explanation ("Request failed with 409 Conflict: Blocking
 * checks do not pass and have no waiver: slo-history (fail)");
 * `backendMessage` is that explanation alone, for showing to a person. Its
 * shape follows Backstage's `ResponseError` (`statusCode`, `body`), which a
 * -common package cannot import.
 * @public
 */
export class LaunchGatesApiError extends Error {
  readonly name = 'ResponseError';
  readonly statusCode: number;
  readonly statusText: string;
  /** The backend's error body when it sent JSON. */
  readonly body: unknown;
  /** The backend's `error.message`, if it sent one. */
  readonly backendMessage: string | undefined;
  /** The backend's `x-request-id` (goes into "Report this problem"). */
  readonly requestId: string | undefined;

  constructor(options: {
    statusCode: number;
    statusText: string;
    body: unknown;
    backendMessage?: string;
    requestId?: string;
  }) {
    const status = `${options.statusCode}${
      options.statusText ? ` ${options.statusText}` : ''
    }`;
    super(
      options.backendMessage
        ? `Request failed with ${status}: ${options.backendMessage}`
        : `Request failed with ${status}`,
    );
    this.statusCode = options.statusCode;
    this.statusText = options.statusText;
    this.body = options.body;
    this.backendMessage = options.backendMessage;
    this.requestId = options.requestId;
  }

  static async fromResponse(response: Response): Promise<LaunchGatesApiError> {
    const failed = await readFailedResponse(response);
    return new LaunchGatesApiError({
      statusCode: failed.statusCode,
      statusText: failed.statusText,
      // Not JSON (a proxy's HTML page): the text, kept out of the message.
      body: failed.body ?? (failed.text || undefined),
      backendMessage: failed.backendMessage,
      requestId: failed.requestId,
    });
  }
}

const segment = (value: string) => encodeURIComponent(value);

/** The file name of a `Content-Disposition` header, if it names one. */
function filenameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // Malformed escapes: fall back to the plain parameter.
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1]?.trim();
}

/**
 * HTTP client of the launch-gates backend, for the browser and for Node
 * (like `@backstage/catalog-client`): the frontend passes Backstage's
 * discovery and fetch APIs (which add the user's token); the CLI passes a
 * discovery of the backend's URL and a fetch that adds its own token.
 * @public
 */
export class LaunchGatesClient implements LaunchGatesApi {
  private readonly http: JsonHttpClient;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.http = new JsonHttpClient({
      ...options,
      pluginId: 'launch-gates',
      toError: response => LaunchGatesApiError.fromResponse(response),
    });
  }

  listTemplates(): Promise<TemplateList> {
    return this.http.request('GET', '/templates');
  }

  getTemplate(name: string): Promise<ReviewTemplate> {
    return this.http.request('GET', `/templates/${segment(name)}`);
  }

  listReviews(options: ListReviewsOptions = {}): Promise<ReviewList> {
    const states =
      options.state === undefined ? undefined : [options.state].flat();
    return this.http.request(
      'GET',
      `/reviews${queryString({
        entityRef: options.entityRef,
        state: states,
        awaitingMe:
          options.awaitingMe === undefined
            ? undefined
            : String(options.awaitingMe),
        targetFrom: options.targetFrom,
        limit: options.limit,
        offset: options.offset,
      })}`,
    );
  }

  getReview(reviewId: string): Promise<ReviewDetail> {
    return this.http.request('GET', `/reviews/${segment(reviewId)}`);
  }

  openReview(request: OpenReviewRequest): Promise<ReviewDetail> {
    return this.http.request('POST', '/reviews', request);
  }

  editReview(
    reviewId: string,
    request: EditReviewRequest,
  ): Promise<ReviewDetail> {
    return this.http.request('PATCH', `/reviews/${segment(reviewId)}`, request);
  }

  evaluateReview(
    reviewId: string,
    options: { checkId?: string } = {},
  ): Promise<ReviewDetail> {
    return this.http.request(
      'POST',
      `/reviews/${segment(reviewId)}/evaluate${queryString({
        checkId: options.checkId,
      })}`,
    );
  }

  answerCheck(
    reviewId: string,
    checkId: string,
    request: AnswerCheckRequest,
  ): Promise<ReviewDetail> {
    return this.http.request(
      'POST',
      `/reviews/${segment(reviewId)}/checks/${segment(checkId)}/answers`,
      request,
    );
  }

  uploadAttachment(
    reviewId: string,
    request: UploadAttachmentRequest,
  ): Promise<AttachmentSummary> {
    return this.http.request(
      'POST',
      `/reviews/${segment(reviewId)}/attachments`,
      request,
    );
  }

  async getAttachment(
    reviewId: string,
    attachmentId: string,
  ): Promise<AttachmentContent> {
    const response = await this.http.send(
      'GET',
      `/reviews/${segment(reviewId)}/attachments/${segment(attachmentId)}`,
    );
    const contentType =
      response.headers.get('content-type') ?? 'application/octet-stream';
    return {
      filename:
        filenameOf(response.headers.get('content-disposition')) ?? attachmentId,
      contentType,
      content: await response.blob(),
    };
  }

  createWaiver(
    reviewId: string,
    request: CreateWaiverRequest,
  ): Promise<ReviewDetail> {
    return this.http.request(
      'POST',
      `/reviews/${segment(reviewId)}/waivers`,
      request,
    );
  }

  signOff(
    reviewId: string,
    request: CreateSignOffRequest,
  ): Promise<ReviewDetail> {
    return this.http.request(
      'POST',
      `/reviews/${segment(reviewId)}/sign-offs`,
      request,
    );
  }

  exportReviewJson(reviewId: string): Promise<ReviewExport> {
    return this.http.request(
      'GET',
      `/reviews/${segment(reviewId)}/export?format=json`,
    );
  }

  async exportReviewMarkdown(reviewId: string): Promise<string> {
    const response = await this.http.send(
      'GET',
      `/reviews/${segment(reviewId)}/export?format=markdown`,
    );
    return response.text();
  }

  postReport(report: PostedReport): Promise<StoredReport> {
    return this.http.request('POST', '/reports', report);
  }

  listReports(options: ListReportsOptions = {}): Promise<StoredReportList> {
    return this.http.request(
      'GET',
      `/reports${queryString({
        entityRef: options.entityRef,
        kind: options.kind,
        limit: options.limit,
        offset: options.offset,
      })}`,
    );
  }
}
