import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  DeploymentCreate,
  DeploymentOutcome,
  DeploymentRecord,
  DeploymentStep,
  DeploymentUpdate,
  DrillResult,
  SmokeCheck,
} from '@vigil/backstage-plugin-deployments-common';

export interface RecorderOptions {
  /** e.g. http://127.0.0.1:7007; undefined keeps the record as a file only. */
  backendUrl?: string;
  /** The deploy token (Backstage static external access token). */
  token?: string;
  /** Where records that could not be posted are kept (.data/deploy/records). */
  recordsDir: string;
  /** Warnings (stderr). */
  warn: (line: string) => void;
  fetch?: typeof fetch;
  now?: () => Date;
}

type Draft = Omit<
  DeploymentCreate,
  'steps' | 'smoke' | 'outcome' | 'environment'
> & {
  environment: string;
  outcome: DeploymentOutcome;
  steps: DeploymentStep[];
  smoke: SmokeCheck[];
};

/**
 * A deployment record as the CLI keeps it while a deploy runs: posted to
 * the portal when it opens (`POST /api/deployments/deployments`), patched as
 * steps run, and finished. When the portal cannot be reached or refuses,
 * the deploy goes on: the record is kept as JSON under .data/deploy/records/
 * and the CLI says so once.
 */
export class DeploymentRecorder {
  private readonly draft: Draft;
  private remote?: { id: string; revision: number };
  private offline = false;
  /** The local file's id (also the record's id when never posted). */
  readonly localId: string;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    create: Omit<DeploymentCreate, 'steps' | 'smoke' | 'outcome'>,
    private readonly options: RecorderOptions,
  ) {
    this.draft = {
      ...create,
      environment: create.environment ?? 'production',
      outcome: 'in_progress',
      steps: [],
      smoke: [],
    };
    this.localId = `${create.startedAt.replace(/[:.]/g, '-')}-${
      create.kind
    }-${crypto.randomBytes(3).toString('hex')}`;
  }

  /** The record's id in the portal, when it was posted. */
  get id(): string | undefined {
    return this.remote?.id;
  }

  private now() {
    return (this.options.now ?? (() => new Date()))().toISOString();
  }

  /** Opens the record in the portal. */
  open(): Promise<void> {
    return this.enqueue(async () => {
      if (!this.options.backendUrl) {
        this.goOffline('no portal configured (VIGIL_BACKEND_URL)');
        return;
      }
      const record = await this.request('POST', '/deployments', this.draft);
      if (record) this.remote = { id: record.id, revision: record.revision };
    });
  }

  stepStarted(name: string, options: { detail?: string; at?: Date } = {}) {
    const { detail, at } = options;
    this.draft.steps.push({
      name,
      status: 'running',
      startedAt: at ? at.toISOString() : this.now(),
      ...(detail ? { detail } : {}),
    });
    return this.sync({ steps: this.draft.steps });
  }

  stepFinished(
    name: string,
    status: 'succeeded' | 'failed' | 'skipped',
    detail?: string,
  ) {
    const step = [...this.draft.steps]
      .reverse()
      .find(s => s.name === name && s.status === 'running');
    const finishedAt = this.now();
    if (step) {
      step.status = status;
      step.finishedAt = finishedAt;
      if (detail) step.detail = detail.slice(0, 2000);
    } else {
      this.draft.steps.push({
        name,
        status,
        startedAt: finishedAt,
        finishedAt,
        ...(detail ? { detail: detail.slice(0, 2000) } : {}),
      });
    }
    return this.sync({ steps: this.draft.steps });
  }

  addSmoke(checks: SmokeCheck[]) {
    // The API keeps at most 500; a long watch keeps the latest.
    this.draft.smoke = [...this.draft.smoke, ...checks].slice(-500);
    return this.sync({ smoke: this.draft.smoke });
  }

  trafficSwitched(at: Date = new Date()) {
    this.draft.trafficSwitchedAt = at.toISOString();
    return this.sync({ trafficSwitchedAt: this.draft.trafficSwitchedAt });
  }

  setDrill(drill: DrillResult) {
    this.draft.drill = drill;
    return this.sync({ drill });
  }

  finish(outcome: DeploymentOutcome, reason?: string) {
    this.draft.outcome = outcome;
    this.draft.finishedAt = this.now();
    if (reason) this.draft.reason = reason.slice(0, 2000);
    return this.sync({
      outcome,
      finishedAt: this.draft.finishedAt,
      steps: this.draft.steps,
      smoke: this.draft.smoke,
      ...(reason ? { reason: this.draft.reason } : {}),
    });
  }

  /** The record as it stands (what the file holds when offline). */
  snapshot(): Draft {
    return structuredClone(this.draft);
  }

  /** Resolves when every post and patch so far is done. */
  flush(): Promise<void> {
    return this.pending;
  }

  private sync(patch: Omit<DeploymentUpdate, 'revision'>): Promise<void> {
    return this.enqueue(async () => {
      if (this.offline || !this.remote) {
        this.writeFile();
        return;
      }
      const record = await this.request(
        'PATCH',
        `/deployments/${encodeURIComponent(this.remote.id)}`,
        { ...patch, revision: this.remote.revision },
      );
      if (record) this.remote.revision = record.revision;
    });
  }

  // Requests run one after the other so revisions follow each other.
  private enqueue(work: () => Promise<void>): Promise<void> {
    this.pending = this.pending.then(work, work);
    return this.pending;
  }

  private async request(
    method: 'POST' | 'PATCH',
    route: string,
    body: unknown,
  ): Promise<DeploymentRecord | undefined> {
    const doFetch = this.options.fetch ?? fetch;
    const url = `${this.options.backendUrl}/api/deployments${route}`;
    try {
      const res = await doFetch(url, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(this.options.token
            ? { authorization: `Bearer ${this.options.token}` }
            : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        let explanation = text.replace(/\s+/g, ' ').slice(0, 300);
        try {
          // Backstage's error body: { error: { name, message }, ... }
          explanation =
            JSON.parse(text)?.error?.message?.slice(0, 300) ?? explanation;
        } catch {
          // not JSON: the text as is
        }
        this.goOffline(
          `the portal answered ${method} ${url} with ${res.status}${
            explanation ? `: ${explanation}` : ''
          }${
            res.status === 401 && !this.options.token
              ? ' (no VIGIL_DEPLOY_TOKEN and no .data/deploy-token)'
              : ''
          }`,
        );
        return undefined;
      }
      return (await res.json()) as DeploymentRecord;
    } catch (error) {
      this.goOffline(
        `the portal at ${this.options.backendUrl} is unreachable (${
          ((error as Error).cause as Error | undefined)?.message ??
          (error as Error).message
        })`,
      );
      return undefined;
    }
  }

  private goOffline(why: string) {
    if (!this.offline) {
      this.offline = true;
      this.options.warn(
        `  record: ${why}; the deploy goes on and its record is kept in ${this.filePath()}`,
      );
    }
    this.writeFile();
  }

  filePath(): string {
    return path.join(this.options.recordsDir, `${this.localId}.json`);
  }

  private writeFile() {
    // The records directory is the CLI's own.
    /* eslint-disable security/detect-non-literal-fs-filename */
    fs.mkdirSync(this.options.recordsDir, { recursive: true });
    fs.writeFileSync(
      this.filePath(),
      `${JSON.stringify(this.draft, null, 2)}\n`,
    );
    /* eslint-enable security/detect-non-literal-fs-filename */
  }
}
