/** Tests of the search work budget: the top-k loops stop with the best hits so far, at the same point every run; the engine reports or throws. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Deadline, SearchEngine, SearchError, topKMaxScore } from "../../../env/search/index.ts";
import { makeFixture, type Fixture } from "./corpus-fixture.ts";

let fx: Fixture;
let engine: SearchEngine;

beforeAll(async () => {
  fx = await makeFixture({}, { tiers: { minDf: 16, fractions: [0.3, 0.05] } });
  engine = await SearchEngine.load(fx.path, { cacheSize: 64 });
});
afterAll(() => fx?.cleanup());

const common = (): string => (fx.vocabulary.slice(0, 6) as string[]).join(" ");

describe("Deadline", () => {
  it("expires once the charged work reaches the budget, and stays expired", () => {
    const d = new Deadline(100);
    d.charge(50);
    expect(d.spend(49)).toBe(false);
    expect(d.spend(1)).toBe(true);
    expect(d.spend(0)).toBe(true);
    expect(d.work).toBe(100);
  });
});

describe("topKMaxScore()", () => {
  it("stops at an expired deadline with partial: true, and runs to the end without one", () => {
    const plan = engine.plan(engine.parse(common()));
    const full = topKMaxScore(engine.index, plan, 10, null, null);
    expect(full.partial).toBe(false);
    expect(full.hits.length).toBe(10);
    const cut = topKMaxScore(engine.index, plan, 10, null, new Deadline(1));
    expect(cut.partial).toBe(true);
    expect(cut.scored).toBeLessThan(full.scored);
    const generous = topKMaxScore(engine.index, plan, 10, null, new Deadline(Number.MAX_SAFE_INTEGER));
    expect(generous).toEqual(full);
    // a budget counts work, not time: the same budget cuts the same query at the same hits, every run
    const budget = Math.max(2, Math.floor(full.scored / 2));
    const a = topKMaxScore(engine.index, plan, 10, null, new Deadline(budget));
    const b = topKMaxScore(engine.index, plan, 10, null, new Deadline(budget));
    expect(a).toEqual(b);
  });

  it("stops the conjunctive (phrase) mode too", () => {
    const v = fx.vocabulary;
    const plan = engine.plan(engine.parse(`+${v[0]} +${v[1]} ${v[2]}`));
    if (plan.required.length === 0) return; // the parser has no + operator: phrases cover the lead mode
    const cut = topKMaxScore(engine.index, plan, 10, null, new Deadline(1));
    expect(cut.partial).toBe(true);
  });
});

describe("SearchEngine.search()", () => {
  it("answers a query within its budget as before and refuses a bad budget", () => {
    const r = engine.search(common(), { k: 5, workBudget: 1e12 });
    expect(r.partial).toBeUndefined();
    expect(() => engine.search("x", { workBudget: -1 })).toThrow(SearchError);
  });

  it("adds each result's passage with passages: true", () => {
    const r = engine.search(common(), { k: 3, passages: true, snippets: false, workBudget: 0 });
    for (const x of r.results) {
      expect(typeof x.passage).toBe("string");
      expect((x.passage as string).split(" ").length).toBeLessThanOrEqual(100);
    }
  });
});
