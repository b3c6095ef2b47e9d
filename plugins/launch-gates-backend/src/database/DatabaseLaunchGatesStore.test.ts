import { testDatabases } from '@vigil/backend-kit/testUtils';
import { DatabaseLaunchGatesStore } from './DatabaseLaunchGatesStore';
import {
  DAY,
  iso,
  migratedStore,
  MINUTE,
  newReview,
  OTHER,
  SCORING_API,
  T0,
} from './__testUtils__/fixtures';

const databases = testDatabases();

const PO = 'group:default/product-owners';
const HASH = 'a'.repeat(64);

describe.each(databases.eachSupportedId())(
  'the launch-gates store on %s',
  databaseId => {
    it('has no operation that changes or removes an append-only record', () => {
      const operations = Object.getOwnPropertyNames(
        DatabaseLaunchGatesStore.prototype,
      );
      const appendOnly = /answer|attachment|waiver|signoff|event/i;
      expect(
        operations.filter(
          name =>
            appendOnly.test(name) &&
            !/^(create|record|get|list|load)/.test(name),
        ),
      ).toEqual([]);
      expect(
        operations.filter(name => /^(update|delete|remove|edit)/i.test(name)),
      ).toEqual(['editReview']);
    });

    it('stores a review with its results, signers and first event', async () => {
      const { store } = await migratedStore(databases, databaseId);
      const input = newReview();
      expect(await store.createReview(input)).toEqual(input.review);
      expect(await store.getReview(input.review.id)).toEqual(input.review);
      expect(await store.getReview('missing')).toBeUndefined();
      expect(await store.findUndecidedReview(SCORING_API)).toEqual(
        input.review,
      );
      expect(await store.findUndecidedReview(OTHER)).toBeUndefined();
      const parts = (
        await store.loadReviewParts([input.review.id], { full: true })
      ).get(input.review.id);
      expect(parts).toEqual({
        signers: [PO],
        results: input.results,
        waivers: [],
        signOffs: [],
        answers: [],
        attachments: [],
      });
      expect(await store.listEvents(input.review.id)).toEqual([
        { ...input.event, id: expect.any(String) },
      ]);
    });

    it('edits with a revision check', async () => {
      const { store } = await migratedStore(databases, databaseId);
      const { review } = await store
        .createReview(newReview())
        .then(r => ({ review: r }));
      const event = {
        reviewId: review.id,
        type: 'edited' as const,
        actor: 'user:default/carol',
        at: iso(T0 + MINUTE),
        data: {},
      };
      const edited = await store.editReview({
        id: review.id,
        revision: 1,
        title: 'GA',
        now: iso(T0 + MINUTE),
        event,
      });
      expect(edited).toEqual({
        ...review,
        title: 'GA',
        revision: 2,
        updatedAt: iso(T0 + MINUTE),
      });
      expect(
        await store.editReview({
          id: review.id,
          revision: 1,
          now: iso(T0),
          event,
        }),
      ).toBe('conflict');
      expect(
        await store.editReview({
          id: 'missing',
          revision: 1,
          now: iso(T0),
          event,
        }),
      ).toBeUndefined();
      expect((await store.listEvents(review.id)).map(e => e.type)).toEqual([
        'opened',
        'edited',
      ]);
    });

    it('saves an evaluation and notices an expired waiver once', async () => {
      const { store, knex } = await migratedStore(databases, databaseId);
      const { review } = newReview();
      await store.createReview(newReview({ id: review.id }));
      const waiver = await store.createWaiver({
        waiver: {
          reviewId: review.id,
          checkId: 'slo-history',
          reason: 'Accepted for the beta',
          expiresAt: iso(T0 + DAY),
          createdBy: PO,
          createdAt: iso(T0),
          evidenceHash: HASH,
        },
        event: {
          reviewId: review.id,
          type: 'waived',
          actor: PO,
          at: iso(T0),
          data: {},
        },
      });
      const result = {
        checkId: 'slo-history',
        gateId: 'performance',
        status: 'fail' as const,
        summary: '1 SLO missed',
        evidence: { measurements: { slosMissed: 1 }, outcomes: [], links: [] },
        evidenceHash: HASH,
        evaluatedAt: iso(T0 + 2 * DAY),
      };
      const outcome = {
        reviewId: review.id,
        results: [result],
        signers: ['user:default/erin'],
        state: 'open' as const,
        reopenedAt: null,
        lastEvaluatedAt: iso(T0 + 2 * DAY),
        now: iso(T0 + 2 * DAY),
        events: [],
        expiredWaiverIds: [waiver.id],
      };
      await store.saveEvaluation(outcome);
      await store.saveEvaluation({ ...outcome, now: iso(T0 + 3 * DAY) });
      const parts = (
        await store.loadReviewParts([review.id], { full: false })
      ).get(review.id)!;
      expect(parts.results).toEqual([result]);
      expect(parts.signers).toEqual(['user:default/erin']);
      expect(parts.waivers).toEqual([
        { ...waiver, expiryNoticedAt: iso(T0 + 2 * DAY) },
      ]);
      expect((await store.getReview(review.id))!.lastEvaluatedAt).toBe(
        iso(T0 + 2 * DAY),
      );
      // The waiver row itself never changed.
      const [row] = await knex('launch_waivers');
      expect(Number(row.expires_at)).toBe(T0 + DAY);
    });

    it('loads the parts of a page of reviews in a fixed number of queries', async () => {
      const { store, knex } = await migratedStore(databases, databaseId);
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        const input = newReview({
          targetDate: `2027-01-${String(i + 1).padStart(2, '0')}`,
        });
        await store.createReview(input);
        ids.push(input.review.id);
        for (const decision of ['no-go', 'go'] as const) {
          await store.createSignOff({
            signOff: {
              reviewId: input.review.id,
              decision,
              comment: decision,
              signedBy: 'user:default/erin',
              signedAt: iso(T0 + (decision === 'go' ? 2 : 1) * MINUTE),
              evidenceHash: HASH,
              checkStatuses: { 'slo-history': 'pass' },
              waiverIds: [],
            },
            state: decision,
            event: {
              reviewId: input.review.id,
              type: 'signed',
              actor: 'user:default/erin',
              at: iso(T0),
              data: {},
            },
          });
        }
      }
      let queries = 0;
      const count = () => {
        queries += 1;
      };
      knex.on('query', count);
      const parts = await store.loadReviewParts(ids, { full: false });
      knex.off('query', count);
      expect(queries).toBe(4);
      expect(parts.size).toBe(30);
      for (const id of ids) {
        expect(parts.get(id)!.signOffs.map(s => s.decision)).toEqual(['go']);
        expect(parts.get(id)!.signers).toEqual([PO]);
      }
      const full = await store.loadReviewParts([ids[0]], { full: true });
      expect(full.get(ids[0])!.signOffs.map(s => s.decision)).toEqual([
        'go',
        'no-go',
      ]);
      expect((await store.getReview(ids[0]))!.state).toBe('go');
    });

    it('lists reviews by target date, filtered and paged in the database', async () => {
      const { store } = await migratedStore(databases, databaseId);
      const late = newReview({ targetDate: '2027-03-01' });
      const early = newReview({ targetDate: '2027-01-01', entityRef: OTHER });
      const decided = newReview({ targetDate: '2027-02-01', state: 'go' });
      for (const r of [late, early, decided]) await store.createReview(r);
      const list = async (query: object) =>
        (await store.listReviews({ limit: 10, offset: 0, ...query })).items.map(
          r => r.id,
        );
      expect(await list({})).toEqual([
        early.review.id,
        decided.review.id,
        late.review.id,
      ]);
      expect(await list({ entityRefs: [SCORING_API] })).toEqual([
        decided.review.id,
        late.review.id,
      ]);
      expect(await list({ states: ['open'] })).toEqual([
        early.review.id,
        late.review.id,
      ]);
      expect(await list({ targetFrom: '2027-02-01' })).toEqual([
        decided.review.id,
        late.review.id,
      ]);
      expect(
        await list({ signerRefs: [PO, 'user:default/erin'] }),
      ).toHaveLength(3);
      expect(await list({ signerRefs: ['user:default/zoe'] })).toEqual([]);
      expect(await list({ entityRefs: [] })).toEqual([]);
      expect(await store.listReviews({ limit: 1, offset: 1 })).toMatchObject({
        items: [{ id: decided.review.id }],
        totalCount: 3,
      });
      expect(await store.listReviewIdsToEvaluate()).toEqual([
        early.review.id,
        decided.review.id,
        late.review.id,
      ]);
      expect(await store.listEntityRefs()).toEqual([OTHER, SCORING_API]);
    });

    it('keeps answers, attachments and reports', async () => {
      const { store } = await migratedStore(databases, databaseId);
      const { review } = newReview();
      await store.createReview(newReview({ id: review.id }));
      const attachment = await store.createAttachment({
        reviewId: review.id,
        filename: 'a.pdf',
        contentType: 'application/pdf',
        size: 3,
        sha256: HASH,
        content: Buffer.from([0, 1, 255]),
        uploadedBy: 'user:default/carol',
        uploadedAt: iso(T0),
      });
      const read = await store.getAttachment(review.id, attachment.id);
      expect(read).toEqual({
        ...attachment,
        content: Buffer.from([0, 1, 255]),
      });
      expect(await store.getAttachment('other', attachment.id)).toBeUndefined();
      const answer = await store.recordAnswer({
        answer: {
          reviewId: review.id,
          checkId: 'runbooks',
          answer: 'yes',
          comment: 'done',
          link: null,
          attachmentId: attachment.id,
          answeredBy: 'user:default/carol',
          answeredAt: iso(T0),
        },
        outcome: {
          reviewId: review.id,
          results: [],
          state: 'open',
          reopenedAt: null,
          now: iso(T0),
          events: [],
          expiredWaiverIds: [],
        },
      });
      const parts = (
        await store.loadReviewParts([review.id], { full: true })
      ).get(review.id)!;
      expect(parts.answers).toEqual([answer]);
      expect(parts.attachments).toEqual([attachment]);

      const report = {
        schemaVersion: 1 as const,
        kind: 'security-scan' as const,
        entityRef: SCORING_API,
        ranAt: iso(T0),
        scanners: [{ name: 'npm audit', completed: true }],
        findings: [],
      };
      const older = await store.createReport({
        report: { ...report, ranAt: iso(T0 - DAY) },
        entityRef: SCORING_API,
        postedBy: 'vigil-gates',
        postedAt: iso(T0),
      });
      const newer = await store.createReport({
        report,
        entityRef: SCORING_API,
        postedBy: 'vigil-gates',
        postedAt: iso(T0),
      });
      expect(
        await store.listReports({
          entityRefs: [SCORING_API],
          kind: 'security-scan',
          limit: 10,
          offset: 0,
        }),
      ).toEqual({ items: [newer, older], totalCount: 2 });
      expect(
        await store.listReports({ kind: 'load-test', limit: 10, offset: 0 }),
      ).toEqual({ items: [], totalCount: 0 });
    });
  },
);
