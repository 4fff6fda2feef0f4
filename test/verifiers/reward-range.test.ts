/** @module Tests of reward bounds: every bounded reward and every named rubric stays inside its declared range. */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { RUBRICS } from "../../verifiers/named-rubrics.ts";
import { REWARD_FUNCTIONS } from "../../verifiers/registry.ts";
import { defaultParams } from "../../verifiers/reward.ts";
import { Rubric } from "../../verifiers/rubric.ts";
import type { CorpusView } from "../../verifiers/types.ts";
import type { Trajectory } from "../../core/trajectory.ts";
import { makeStep, makeTask, makeTrajectory } from "./fixtures.ts";

const corpus: CorpusView = { pageText: (url) => (url === "https://wiki.example/paris" ? "Paris is the capital of France." : null) };
const task = makeTask({ answers: ["Paris", "1987"] });

/** Seeded trajectories that vary every input the rewards read: answers, searches, invalid steps, citations, time. */
function trajectories(n: number): Trajectory[] {
  const rng = seedrandom("reward-range");
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
  const out: Trajectory[] = [makeTrajectory(), makeTrajectory({ searchQueries: [], citations: [] })];
  for (let i = 0; i < n; i++) {
    const steps = Array.from({ length: 1 + Math.floor(rng() * 12) }, (_, j) =>
      rng() < 0.3
        ? makeStep(j, null, { valid: false, error: "PARSE_ERROR" })
        : makeStep(j, { name: pick(["search", "open", "find"]), arguments: { query: "q" } }),
    );
    out.push(
      makeTrajectory({
        answer: pick(["Paris", "paris, France", "London", "1987", "Paris London Berlin Rome", "", null]),
        steps,
        searchQueries: rng() < 0.3 ? [] : Array.from({ length: Math.floor(rng() * 6) }, () => pick(["capital", "france", "capital"])),
        citations: rng() < 0.5 ? [] : [pick(["https://wiki.example/paris", "https://nowhere.example/"])],
        openedUrls: rng() < 0.5 ? [] : ["https://wiki.example/paris"],
        simSeconds: rng() * 120,
      }),
    );
  }
  return out;
}

describe("reward ranges", () => {
  const sample = trajectories(300);

  it("every bounded reward function scores inside its declared range", async () => {
    const bounded = [...REWARD_FUNCTIONS.values()].filter((d) => d.range !== undefined && d.name !== "llm_judge");
    expect(bounded.length).toBeGreaterThan(10);
    for (const d of bounded) {
      const params = defaultParams(d.params);
      const [lo, hi] = d.range!(params);
      for (const t of sample) {
        const raw = await d.fn(task, t, { corpus }, params);
        const score = typeof raw === "number" ? raw : raw.score;
        expect(score, `${d.name}`).toBeGreaterThanOrEqual(lo);
        expect(score, `${d.name}`).toBeLessThanOrEqual(hi);
      }
    }
  });

  it("every named rubric without a judge rewards inside rewardRange(), and the default rubric reaches both ends", async () => {
    for (const [name, config] of Object.entries(RUBRICS)) {
      if (name === "browsecomp") continue;
      const rubric = Rubric.fromConfig(config);
      const range = rubric.rewardRange();
      expect(range, name).not.toBeNull();
      const [lo, hi] = range!;
      const rewards = await Promise.all(sample.map(async (t) => (await rubric.score(task, t, { corpus })).reward));
      expect(Math.min(...rewards), name).toBeGreaterThanOrEqual(lo - 1e-9);
      expect(Math.max(...rewards), name).toBeLessThanOrEqual(hi + 1e-9);
      if (name === "default") {
        const best = await rubric.score(task, makeTrajectory(), { corpus });
        expect(best.reward).toBeCloseTo(hi, 9);
        const worst = makeTrajectory({ answer: "London", searchQueries: [], citations: [], steps: [makeStep(0, null, { valid: false })] });
        expect((await rubric.score(task, worst, { corpus })).reward).toBeCloseTo(lo, 9);
      }
    }
  });

  it("follows the parameters, and is null when a weighted entry is unbounded", () => {
    const harsh = Rubric.fromConfig({ correct: 1, no_search_penalty: { weight: 1, penalty: -3 } }).rewardRange();
    expect(harsh).toEqual([-3, 1]);
    const negative = Rubric.fromConfig({ correct: -2 }).rewardRange();
    expect(negative).toEqual([-2, 0]);
    expect(Rubric.fromConfig({ correct: 1, num_searches: 0.1 }).rewardRange()).toBeNull();
    expect(Rubric.fromConfig({ correct: 1, num_searches: 0 }).rewardRange()).toEqual([0, 1]);
  });
});
