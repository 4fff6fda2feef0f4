import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tierCuts } from "../../../corpus-loader/index-build/impact-encoder.ts";
import { END_DOC, PostingsCursor, SearchEngine, exhaustiveTopK, topKMaxScore } from "../../../env/search/index.ts";
import { makeFixture, type Fixture } from "../../env/search/corpus-fixture.ts";

function histOf(impacts: number[]): Uint32Array {
  const h = new Uint32Array(256);
  for (const q of impacts) h[q] = (h[q] as number) + 1;
  return h;
}

describe("tierCuts()", () => {
  it("cuts at impact values so the upper tiers hold at least the asked fractions", () => {
    const impacts = Array.from({ length: 1000 }, (_, i) => 1 + (i % 200));
    const cuts = tierCuts(histOf(impacts), 1000, { minDf: 10, fractions: [0.2, 0.03] });
    expect(cuts).toHaveLength(2);
    const [c1, c2] = cuts as [number, number];
    expect(c1).toBeLessThan(c2);
    expect(impacts.filter((q) => q >= c1).length).toBeGreaterThanOrEqual(200);
    expect(impacts.filter((q) => q >= c1 + 1).length).toBeLessThan(200);
    expect(impacts.filter((q) => q >= c2).length).toBeGreaterThanOrEqual(30);
    expect(impacts.filter((q) => q >= c2 + 1).length).toBeLessThan(30);
  });

  it("does not split small terms, or terms whose impacts are all equal", () => {
    expect(tierCuts(histOf([5, 9, 12]), 3, { minDf: 10, fractions: [0.5] })).toEqual([]);
    expect(tierCuts(histOf(new Array(100).fill(7)), 100, { minDf: 10, fractions: [0.2, 0.03] })).toEqual([]);
  });
});

describe("impact-tiered index", () => {
  let tiered: Fixture;
  let flat: Fixture;
  beforeAll(async () => {
    tiered = await makeFixture({ pages: 800 }, { tiers: { minDf: 8, fractions: [0.25, 0.04] } });
    flat = await makeFixture({ pages: 800 }, { tiers: { minDf: 0, fractions: [] } });
  });
  afterAll(() => {
    tiered?.cleanup();
    flat?.cleanup();
  });

  it("splits a frequent term into disjoint doc-ordered lists, low impacts first, covering its postings once", async () => {
    const engine = await SearchEngine.load(tiered.path);
    const idx = engine.index;
    const t = idx.terms.get(engine.parse(tiered.vocabulary[0] as string).terms[0] as string) as number;
    const l0 = idx.termList0[t] as number;
    const l1 = idx.termList0[t + 1] as number;
    expect(l1 - l0).toBe(3);
    const seen = new Set<number>();
    let prevMax = 0;
    for (let l = l0; l < l1; l++) {
      const c = new PostingsCursor(idx, l);
      let last = -1;
      let minImpact = 255;
      for (let d = c.doc; d !== END_DOC; d = c.next()) {
        expect(d).toBeGreaterThan(last);
        last = d;
        expect(seen.has(d)).toBe(false);
        seen.add(d);
        minImpact = Math.min(minImpact, c.score() / c.mult);
      }
      expect(minImpact).toBeGreaterThan(prevMax === 0 ? 0 : prevMax);
      prevMax = idx.listMaxImpact[l] as number;
    }
    expect(seen.size).toBe(idx.termDf[t]);
  });

  it("gives the same top-k, scores and totals as the untiered index", async () => {
    const a = await SearchEngine.load(tiered.path, { cacheSize: 0 });
    const b = await SearchEngine.load(flat.path, { cacheSize: 0 });
    expect(b.index.listDf.length).toBe(b.index.termDf.length);
    expect(a.index.listDf.length).toBeGreaterThan(a.index.termDf.length);
    const v = tiered.vocabulary;
    for (let i = 0; i < 150; i++) {
      const q = [v[i % 30], v[(i * 7) % 200], v[(i * 13) % 900]].slice(0, 1 + (i % 3)).join(" ");
      const ra = a.search(q, { k: 10, snippets: false });
      const rb = b.search(q, { k: 10, snippets: false });
      expect(
        ra.results.map((r) => [r.pageId, r.score]),
        q,
      ).toEqual(rb.results.map((r) => [r.pageId, r.score]));
      const plan = a.plan(a.parse(q));
      expect(topKMaxScore(a.index, plan, 10, null).hits, q).toEqual(exhaustiveTopK(a.index, plan, 10, 0, null).hits);
    }
  });
});
