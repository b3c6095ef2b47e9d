// The launch-gates benchmark's measured process: seeds the reviews into the
// plugin's database through its own store (migrations first, as at backend
// start), then runs full re-evaluation cycles with the plugin's own
// ReviewEvaluationService, CheckEvaluator and built-in providers, reading
// the sources server (sources.mjs) over HTTP and the evidence directory
// (evidence.mjs) from disk. TypeScript, so loaded with the Backstage CLI's
// transform, in a child process of launch-gates-benchmark.mjs (run.mjs),
// which it asks over IPC to reset and report the sources' request counts
// around each cycle. Prints its figures as JSON on stdout.
//   node cycle.cjs '{"knex":{...},"reviews":500,"entities":50,...}'
require('@backstage/cli/config/nodeTransform.cjs');
const { randomUUID } = require('node:crypto');
const { performance } = require('node:perf_hooks');
const knexFactory = require('knex');
const {
  DatabaseLaunchGatesStore,
} = require('../../plugins/launch-gates-backend/src/database/DatabaseLaunchGatesStore');
const {
  CheckEvaluator,
  CheckProviderRegistry,
  TemplateCatalog,
  builtInCheckProviders,
} = require('../../plugins/launch-gates-backend/src/evaluation');
const {
  ReviewEvaluationService,
} = require('../../plugins/launch-gates-backend/src/service/ReviewEvaluationService');
const {
  checksOf,
  pendingResult,
} = require('../../plugins/launch-gates-backend/src/service/reviewAssembly');

const options = JSON.parse(process.argv[2]);
const ms = (a, b) => Math.round(b - a);

/** Asks the parent (run.mjs) something over IPC and waits for the answer. */
function askParent(question) {
  return new Promise(resolve => {
    const onMessage = message => {
      if (message?.answer !== question) return;
      process.off('message', onMessage);
      resolve(message.value);
    };
    process.on('message', onMessage);
    process.send({ ask: question });
  });
}

const logged = { warn: 0, error: 0 };
const logger = {
  debug() {},
  info() {},
  warn() {
    logged.warn += 1;
  },
  error(message) {
    logged.error += 1;
    if (logged.error <= 3) process.stderr.write(`cycle: ${message}\n`);
  },
  child() {
    return logger;
  },
};

/** What the catalog answers for a seeded entity. */
function entityOf(plan) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: plan.name,
      namespace: 'default',
      annotations: {
        'vigil.dev/product-owner': 'group:default/product-owners',
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: plan.team },
    relations: [{ type: 'ownedBy', targetRef: plan.team }],
  };
}

/** The reviews, `reviews` over `entities`, through the store's createReview. */
async function seed(store, template, plans) {
  const started = performance.now();
  const day = 24 * 60 * 60 * 1000;
  for (let i = 0; i < options.reviews; i++) {
    const plan = plans[i % plans.length];
    const at = new Date(
      Date.now() - (options.reviews - i) * 1000,
    ).toISOString();
    const review = {
      id: randomUUID(),
      entityRef: plan.entityRef,
      title: `${plan.name} launch ${Math.floor(i / plans.length) + 1}`,
      templateName: template.metadata.name,
      templateTitle: template.metadata.title,
      template,
      targetDate: new Date(Date.now() + ((i % 60) + 1) * day)
        .toISOString()
        .slice(0, 10),
      state: 'open',
      reopenedAt: null,
      createdBy: 'user:default/benchmark',
      createdAt: at,
      updatedAt: at,
      lastEvaluatedAt: null,
      revision: 1,
    };
    await store.createReview({
      review,
      results: checksOf(review).map(c => pendingResult(c.gateId, c.check)),
      signers: ['group:default/product-owners'],
      event: {
        reviewId: review.id,
        type: 'opened',
        actor: 'user:default/benchmark',
        at,
        data: { templateName: review.templateName },
      },
    });
  }
  return ms(started, performance.now());
}

async function main() {
  const { percentiles } = await import('../lib/stats.mjs');
  const { entityPlan } = await import('./sources.mjs');
  const knex = knexFactory(options.knex);
  const store = await DatabaseLaunchGatesStore.create({
    database: { getClient: async () => knex },
  });
  const registry = new CheckProviderRegistry(
    builtInCheckProviders({
      reportSource: {
        latest: async (entityRef, kind) =>
          (
            await store.listReports({
              entityRefs: [entityRef],
              kind,
              limit: 1,
              offset: 0,
            })
          ).items[0],
      },
    }),
  );
  const templates = await TemplateCatalog.load({
    directories: [options.templatesDir],
    registry,
    logger,
  });
  const template = templates.get('default');
  if (!template) {
    throw new Error(
      `no template "default" in ${options.templatesDir}: ${templates
        .problems()
        .map(p => p.message)
        .join('; ')}`,
    );
  }
  const plans = Array.from({ length: options.entities }, (_, i) =>
    entityPlan(i),
  );
  const byRef = new Map(plans.map(p => [p.entityRef, entityOf(p)]));
  const seedMs = await seed(store, template, plans);

  const credentials = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'service', subject: 'plugin:launch-gates' },
  };
  // The edges the cycle does not measure: the catalog (an in-memory map of
  // the seeded entities), service tokens, discovery of the sources server.
  const auth = {
    getOwnServiceCredentials: async () => credentials,
    getPluginRequestToken: async () => ({ token: 'benchmark' }),
  };
  const evaluator = new CheckEvaluator({
    registry,
    auth,
    discovery: {
      getBaseUrl: async pluginId => `${options.sourcesUrl}/api/${pluginId}`,
      getExternalBaseUrl: async pluginId =>
        `${options.sourcesUrl}/api/${pluginId}`,
    },
    evidenceDirectory: options.evidenceDir,
    prometheusUrl: options.sourcesUrl,
    appBaseUrl: 'http://localhost:3000',
    logger,
    timeoutMs: options.timeoutMs,
  });
  let notified = 0;
  const service = new ReviewEvaluationService({
    store,
    evaluator,
    catalog: { getEntityByRef: async ref => byRef.get(ref) },
    auth,
    notifier: {
      reopened: async () => {
        notified += 1;
      },
    },
    logger,
    now: () => new Date(),
    concurrency: options.concurrency,
  });

  // Each review's evaluation, timed as the cycle runs it.
  let durations = [];
  const evaluate = service.evaluate.bind(service);
  service.evaluate = async (...args) => {
    const started = performance.now();
    try {
      return await evaluate(...args);
    } finally {
      durations.push(performance.now() - started);
    }
  };

  const cycles = [];
  for (let n = 1; n <= options.cycles; n++) {
    await askParent('reset');
    durations = [];
    if (global.gc) global.gc();
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const report = await service.evaluateAll();
    const wallMs = ms(started, performance.now());
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const reads = await askParent('counts');
    const statuses = Object.fromEntries(
      (
        await knex('launch_check_results')
          .select('status')
          .count({ n: '*' })
          .groupBy('status')
      ).map(r => [r.status, Number(r.n)]),
    );
    const { p50, p95, p99, max } = percentiles(durations, 1);
    cycles.push({
      cycle: n,
      reviews: report.reviews,
      evaluated: report.evaluated,
      failed: report.failed,
      wallMs,
      perReviewMs: { p50, p95, p99, max },
      reviewsPerSecond: Number(((report.evaluated / wallMs) * 1000).toFixed(1)),
      cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
      sourceReads: reads,
      sourceReadsTotal: Object.values(reads).reduce((a, b) => a + b, 0),
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      checkStatuses: statuses,
    });
  }
  await knex.destroy();
  process.stdout.write(
    JSON.stringify({
      seedMs,
      checksPerReview: checksOf({ template }).length,
      automatedChecksPerReview: checksOf({ template }).filter(
        c => c.check.type === 'automated',
      ).length,
      cycles,
      notified,
      logged,
    }),
  );
  process.disconnect?.();
}

main().catch(error => {
  process.stderr.write(`cycle: ${error.stack ?? error}\n`);
  process.exit(1);
});
