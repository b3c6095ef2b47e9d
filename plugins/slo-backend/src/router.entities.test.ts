import {
  expectConforms,
  repoRoot,
  testBackends,
} from './__testUtils__/backend';

const { startBackend, specDir } = testBackends();

describe('the SLO API', () => {
  it("returns an entity's SLOs, spec link and validation errors", async () => {
    const { alice, bob } = await startBackend();
    await alice.post('/refresh');
    const scoring = await alice.get(
      '/entities/component/default/scoring-api/slos',
    );
    expect(scoring.status).toBe(200);
    // Relative to the catalog file's directory: never the server's path.
    expect(scoring.body.specSource).toEqual({
      type: 'file',
      target: 'packages/scoring-api/slo.yaml',
    });
    expect(JSON.stringify(scoring.body)).not.toContain(repoRoot);
    expectConforms('GET /entities/{kind}/{namespace}/{name}/slos', scoring);
    const search = await alice.get('/entities/component/default/search/slos');
    expect(search.body.specSource).toEqual({
      type: 'file',
      target: 'slo.yaml',
    });
    expect(search.body.slos[0]).toMatchObject({ firingAlerts: [] });
    const detail = await alice.get('/slos/search-availability');
    expect(detail.body.slo.spec.origin.source).toBe('slo.yaml');

    const lost = await alice.get('/entities/component/default/lost/slos');
    expect(lost.body.specSource).toEqual({
      type: 'file',
      target: 'nowhere/slo.yaml',
    });
    expect(lost.body.errors).toEqual([
      expect.objectContaining({
        source: 'nowhere/slo.yaml',
        message: expect.stringMatching(
          /^nowhere\/slo\.yaml: cannot read the SLO spec: ENOENT/,
        ),
      }),
    ]);
    expect(JSON.stringify(lost.body)).not.toContain(specDir);
    expect(scoring.body.slos.map((s: any) => s.sloId)).toEqual([
      'scoring-api-availability',
      'scoring-api-latency',
    ]);
    expect(scoring.body.errors).toEqual([]);

    const broken = await alice.get('/entities/component/default/broken/slos');
    expect(broken.body.slos).toEqual([]);
    expect(broken.body.specSource).toEqual({ type: 'inline' });
    expect(broken.body.errors).toHaveLength(2);
    expect(broken.body.errors[0]).toMatchObject({
      slo: 'bad',
      problem: expect.stringContaining('objective'),
    });
    expect(broken.body.errors[0].message).toContain('component:default/broken');

    expect(
      (await bob.get('/entities/component/default/secret/slos')).status,
    ).toBe(404);
    expect(
      (await alice.get('/entities/component/default/unknown/slos')).status,
    ).toBe(404);
  });
});
