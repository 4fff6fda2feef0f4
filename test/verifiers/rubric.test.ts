/** @module Tests of verifiers: rubric. */
import { describe, expect, it } from "vitest";
import { VerifierError } from "../../verifiers/errors.ts";
import { DEFAULT_RUBRIC, RUBRICS, rubricForTask } from "../../verifiers/named-rubrics.ts";
import { extendRegistry, REWARD_FUNCTIONS } from "../../verifiers/registry.ts";
import { parseRubricConfig } from "../../verifiers/rubric-config.ts";
import { Rubric } from "../../verifiers/rubric.ts";
import type { CorpusView } from "../../verifiers/types.ts";
import { makeTask, makeTrajectory } from "./fixtures.ts";

const corpus: CorpusView = { pageText: (url) => (url === "https://wiki.example/paris" ? "Paris is the capital of France." : null) };

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof VerifierError) return `${err.code}: ${err.message}`;
    throw err;
  }
  return "no error";
}

describe("parseRubricConfig()", () => {
  it("accepts weights and {weight, ...params}, filling defaults", () => {
    const [em, roi] = parseRubricConfig('{"em": 1, "roi": {"weight": 0.5, "budget_steps": 8}}');
    expect(em).toMatchObject({ name: "em", weight: 1 });
    expect(em?.definition.name).toBe("exact_match");
    expect(roi?.params).toMatchObject({ budget_steps: 8, budget_seconds: 30, threshold: 1, quality: "correct" });
  });
  it("names unknown functions, with a suggestion", () => {
    expect(codeOf(() => parseRubricConfig({ exact_mach: 1 }))).toMatch(
      /^UNKNOWN_REWARD: unknown reward function "exact_mach" \(did you mean "exact_match"\?\)/,
    );
  });
  it("rejects bad weights", () => {
    expect(codeOf(() => parseRubricConfig({ exact_match: "1" as never }))).toMatch(/^BAD_WEIGHT: rubric entry "exact_match": weight must be a finite number/);
    expect(codeOf(() => parseRubricConfig({ exact_match: Number.NaN }))).toMatch(/^BAD_WEIGHT/);
    expect(codeOf(() => parseRubricConfig({ roi: { budget_steps: 3 } as never }))).toMatch(/^BAD_WEIGHT: rubric entry "roi": missing "weight"/);
  });
  it("rejects malformed configs and parameters", () => {
    expect(codeOf(() => parseRubricConfig("{not json"))).toMatch(/^BAD_CONFIG: rubric config is not valid JSON/);
    expect(codeOf(() => parseRubricConfig("[1]"))).toMatch(/^BAD_CONFIG: .*got an array/);
    expect(codeOf(() => parseRubricConfig({}))).toMatch(/^BAD_CONFIG: rubric config is empty/);
    expect(codeOf(() => parseRubricConfig({ roi: { weight: 1, budget: 3 } }))).toMatch(/unknown parameter "budget" for roi \(known: quality, threshold/);
    expect(codeOf(() => parseRubricConfig({ roi: { weight: 1, budget_steps: "3" } }))).toMatch(/"budget_steps" must be a number/);
    expect(codeOf(() => parseRubricConfig({ roi: { weight: 1, time_weight: 2 } }))).toMatch(/above its maximum 1/);
    expect(codeOf(() => parseRubricConfig({ roi: { weight: 1, quality: "vibes" } }))).toMatch(/must be one of correct, exact_match/);
    expect(codeOf(() => parseRubricConfig({ exact_match: { weight: 1, fn: 3 } as never }))).toMatch(/"fn" must be a string/);
  });
  it("lets one function appear twice under different labels", () => {
    const r = Rubric.fromConfig({ strict: { weight: 1, fn: "sub_em", max_extra_tokens: 0 }, loose: { weight: 0, fn: "sub_em", max_extra_ratio: 3 } });
    expect(r.entries.map((e) => [e.name, e.definition.name])).toEqual([
      ["strict", "sub_em"],
      ["loose", "sub_em"],
    ]);
  });
});

describe("Rubric.score()", () => {
  it("sums weight × score, reports metrics without summing them", async () => {
    const rubric = Rubric.fromConfig({ exact_match: 1.0, citation_valid: 0.2, roi: 0.5, num_searches: 0 });
    const s = await rubric.score(makeTask(), makeTrajectory({ simSeconds: 6 }), { corpus });
    // roi: 3 tool calls, 6 s → 0.5·0.8 + 0.5·0.7 = 0.75
    expect(s.components).toEqual({ exact_match: 1, citation_valid: 1, roi: 0.75, num_searches: 1 });
    expect(s.reward).toBeCloseTo(1 + 0.2 + 0.5 * 0.75, 12);
    expect(s.errors).toEqual({});
    expect(s.details["roi"]).toMatchObject({ quality: 1 });
  });
  it("records a throwing component as 0 with its error, never rejecting", async () => {
    const registry = extendRegistry([
      {
        name: "boom",
        description: "throws",
        params: {},
        fn: () => {
          throw new Error("kaput");
        },
      },
      { name: "async_boom", description: "rejects", params: {}, fn: async () => Promise.reject(new TypeError("nope")) },
      { name: "nan", description: "NaN", params: {}, fn: () => Number.NaN },
      { name: "half", description: "async 0.5", params: {}, fn: async () => ({ score: 0.5, details: { why: "test" } }) },
    ]);
    const rubric = Rubric.fromConfig({ boom: 1, async_boom: 1, nan: 1, half: 2, citation_valid: 1 }, registry);
    const s = await rubric.score(makeTask(), makeTrajectory());
    expect(s.reward).toBe(1);
    expect(s.components).toEqual({ boom: 0, async_boom: 0, nan: 0, half: 0.5, citation_valid: 0 });
    expect(s.errors).toEqual({
      boom: "Error: kaput",
      async_boom: "TypeError: nope",
      nan: "BAD_SCORE: nan returned a non-finite score (NaN)",
      citation_valid: "CORPUS_REQUIRED: citation rewards need ctx.corpus (a CorpusView)",
    });
    expect(s.details).toEqual({ half: { why: "test" } });
  });
  it("round-trips its normalised config", () => {
    const rubric = Rubric.fromConfig({ em: 1 });
    expect(rubric.toConfig()).toEqual({ em: { weight: 1, fn: "exact_match" } });
    expect(Rubric.fromConfig(JSON.stringify(rubric.toConfig())).entries[0]?.definition.name).toBe("exact_match");
  });
});

describe("rubricForTask()", () => {
  it("uses the default rubric, a named rubric or a JSON config", async () => {
    expect(rubricForTask(makeTask())).toBe(DEFAULT_RUBRIC);
    expect(rubricForTask(makeTask({ rubric: "search_r1" })).entries[0]?.name).toBe("exact_match");
    const custom = rubricForTask(makeTask({ rubric: '{"f1": 1}' }));
    expect(custom.entries.map((e) => e.name)).toEqual(["f1"]);
    expect(rubricForTask(makeTask({ rubric: '{"f1": 1}' }))).toBe(custom);
  });
  it("rejects unknown rubric names", () => {
    expect(codeOf(() => rubricForTask(makeTask({ rubric: "fancy" })))).toMatch(/^UNKNOWN_RUBRIC: task t1 asks for rubric "fancy"/);
  });
  it("builds every named rubric from registered functions", () => {
    for (const [name, config] of Object.entries(RUBRICS)) {
      expect(() => Rubric.fromConfig(config), name).not.toThrow();
    }
    expect(REWARD_FUNCTIONS.size).toBeGreaterThan(20);
  });
  it("default rubric: correct + citation, no-search hack penalised", async () => {
    const good = await DEFAULT_RUBRIC.score(makeTask(), makeTrajectory(), { corpus });
    expect(good.reward).toBeCloseTo(1.2, 12);
    expect(good.errors).toEqual({});
    const lucky = await DEFAULT_RUBRIC.score(makeTask(), makeTrajectory({ searchQueries: [], citations: [] }), { corpus });
    expect(lucky.reward).toBeCloseTo(1 - 0.5, 12);
  });
});
