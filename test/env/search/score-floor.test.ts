import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SearchEngine, exhaustiveTopK } from "../../../env/search/index.ts";
import { FLOOR_K, kthImpact, scoreFloor } from "../../../env/search/score-floor.ts";
import { makeFixture, type Fixture } from "./corpus-fixture.ts";

let fx: Fixture;
let engine: SearchEngine;
beforeAll(async () => {
  fx = await makeFixture({ pages: 700 }, { tiers: { minDf: 16, fractions: [0.3, 0.05] } });
  engine = await SearchEngine.load(fx.path, { cacheSize: 0 });
});
afterAll(() => fx?.cleanup());

describe("scoreFloor()", () => {
  it("never exceeds the true k-th best score, and is positive for frequent terms", () => {
    const v = fx.vocabulary;
    let positive = 0;
    for (let i = 0; i < 200; i++) {
      const q = [v[i % 40], v[(i * 11) % 400], v[(i * 17) % 1500]].slice(0, 1 + (i % 3)).join(" ");
      const plan = engine.plan(engine.parse(q));
      const k = 1 + (i % FLOOR_K);
      const floor = scoreFloor(engine.index, plan, k);
      const top = exhaustiveTopK(engine.index, plan, k, 0, null).hits;
      if (floor > 0) {
        positive++;
        expect(top).toHaveLength(k);
        expect((top[k - 1] as { score: number }).score, q).toBeGreaterThanOrEqual(floor);
      }
    }
    expect(positive).toBeGreaterThan(100);
  });

  it("is the FLOOR_K-th largest impact of a term, found in its top tier", () => {
    const t = engine.index.terms.get(engine.parse(fx.vocabulary[0] as string).terms[0] as string) as number;
    const plan = engine.plan(engine.parse(fx.vocabulary[0] as string));
    const top = exhaustiveTopK(engine.index, plan, FLOOR_K, 0, null).hits;
    const mult = engine.index.listMult[engine.index.termList0[t] as number] as number;
    expect(kthImpact(engine.index, t) * mult).toBe((top[FLOOR_K - 1] as { score: number }).score);
  });

  it("is 0 when filters could drop the pages it counts on, or k is above FLOOR_K", () => {
    const w = fx.vocabulary[0] as string;
    for (const q of [`${w} site:site1.example`, `${w} -site:site1.example`, `${w} -${fx.vocabulary[1] as string}`, `"${w} ${fx.vocabulary[2] as string}"`]) {
      expect(scoreFloor(engine.index, engine.plan(engine.parse(q)), 10), q).toBe(0);
    }
    expect(scoreFloor(engine.index, engine.plan(engine.parse(w)), FLOOR_K + 1)).toBe(0);
    expect(scoreFloor(engine.index, engine.plan(engine.parse(w)), FLOOR_K)).toBeGreaterThan(0);
  });
});
