/** @module Tests of verifiers: group. */
import { describe, expect, it } from "vitest";
import { groupAdvantages, majorityVote, meanStd, passAtK, passAtKFromScores } from "../../verifiers/group.ts";

/** C(n, k) by the multiplicative formula, exact for the small values used here. */
function binom(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

describe("meanStd()", () => {
  it("uses the unbiased (n − 1) std like torch.std", () => {
    expect(meanStd([1, 0, 0, 0])).toEqual({ mean: 0.25, std: 0.5 });
    expect(meanStd([3])).toEqual({ mean: 3, std: 0 });
  });
});

describe("groupAdvantages()", () => {
  // Hand-worked: group A = [1, 0, 0, 0]: mean .25, std sqrt(.75/3) = .5 → (.75, −.25, −.25, −.25)/.5
  //              group B = [1, 1, 0, 0]: mean .5, std sqrt(1/3) → ±.5·sqrt(3)
  const rewards = [1, 0, 0, 0, 1, 1, 0, 0];
  it("divides by the group std ('group', verl/TRL default)", () => {
    const a = groupAdvantages(rewards, { groupSize: 4, epsilon: 0 });
    const h = 0.5 * Math.sqrt(3);
    [1.5, -0.5, -0.5, -0.5, h, h, -h, -h].forEach((v, i) => expect(a[i]).toBeCloseTo(v, 12));
    const eps = groupAdvantages(rewards, { groupSize: 4 });
    expect(eps[0]).toBeCloseTo(0.75 / (0.5 + 1e-6), 12);
  });
  it("divides by the batch std ('batch')", () => {
    // batch: mean .375, Σ(r − m)² = 3·.390625 + 5·.140625 = 1.875, std = sqrt(1.875/7)
    const s = Math.sqrt(1.875 / 7);
    const a = groupAdvantages(rewards, { groupSize: 4, scaleRewards: "batch", epsilon: 0 });
    expect(a[0]).toBeCloseTo(0.75 / s, 12);
    expect(a[4]).toBeCloseTo(0.5 / s, 12);
  });
  it("only centres ('none', Dr. GRPO)", () => {
    expect(groupAdvantages(rewards, { groupSize: 4, scaleRewards: "none" })).toEqual([0.75, -0.25, -0.25, -0.25, 0.5, 0.5, -0.5, -0.5]);
  });
  it("gives 0 to groups whose rewards are all equal, and to singleton groups", () => {
    expect(groupAdvantages([1, 1, 1], { groupSize: 3 })).toEqual([0, 0, 0]);
    expect(groupAdvantages([5], { groupSize: 1 })).toEqual([0]);
  });
  it("accepts non-contiguous group ids (verl's index)", () => {
    const a = groupAdvantages([1, 1, 0, 0], { groupIds: ["a", "b", "a", "b"], scaleRewards: "none" });
    expect(a).toEqual([0.5, 0.5, -0.5, -0.5]);
  });
  it("rejects bad arguments with BAD_GROUP", () => {
    expect(() => groupAdvantages([1, 0, 1], { groupSize: 2 })).toThrow(/do not split/);
    expect(() => groupAdvantages([1, Number.NaN], { groupSize: 2 })).toThrow(/finite/);
    expect(() => groupAdvantages([1, 0], { groupSize: 2, groupIds: [0, 0] })).toThrow(/not both/);
    expect(() => groupAdvantages([1, 0], { groupSize: 2, scaleRewards: "std" as never })).toThrow(/scaleRewards/);
  });
});

describe("passAtK()", () => {
  it("equals 1 − C(n−c, k)/C(n, k)", () => {
    for (const [n, c, k] of [
      [10, 3, 1],
      [10, 3, 5],
      [20, 1, 4],
      [8, 0, 3],
      [16, 5, 7],
    ] as const) {
      expect(passAtK(n, c, k)).toBeCloseTo(1 - binom(n - c, k) / binom(n, k), 12);
    }
    expect(passAtK(10, 3, 1)).toBeCloseTo(0.3, 12);
    expect(passAtK(5, 3, 3)).toBe(1); // n − c < k
  });
  it("works from scores with a threshold", () => {
    expect(passAtKFromScores([1, 0, 0, 0.5], 2)).toBeCloseTo(0.5, 12);
    expect(passAtKFromScores([1, 0, 0, 0.5], 2, 0.5)).toBeCloseTo(1 - 1 / 6, 12);
  });
  it("validates n, c and k", () => {
    expect(() => passAtK(3, 4, 1)).toThrow(/exceeds/);
    expect(() => passAtK(3, 1, 4)).toThrow(/k must be/);
    expect(() => passAtK(3.5, 1, 1)).toThrow(/integer/);
  });
});

describe("majorityVote()", () => {
  it("votes over normalised answers", () => {
    expect(majorityVote(["Paris", "paris.", "Lyon", null, "  "])).toEqual({
      answer: "Paris",
      normalized: "paris",
      count: 2,
      fraction: 2 / 3,
      indices: [0, 1],
      tied: false,
    });
  });
  it("breaks ties by first appearance and flags them", () => {
    expect(majorityVote(["Lyon", "Paris", "paris", "lyon"])).toMatchObject({ answer: "Lyon", tied: true });
    expect(majorityVote([null, ""])).toBeNull();
  });
});
